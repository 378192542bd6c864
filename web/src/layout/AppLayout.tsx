import { Button, Layout, Menu, Space, Spin, Tooltip, Typography } from 'antd';
import {
  AlertOutlined,
  BankOutlined,
  BarChartOutlined,
  CarryOutOutlined,
  CloudUploadOutlined,
  FileDoneOutlined,
  LogoutOutlined,
  NotificationOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import type { Messages } from '../i18n/messages';
import { LanguageSwitch } from './LanguageSwitch';

/** The capabilities, in the order an officer meets them; those not built yet are shown, disabled. */
const MENU: { key: string; label: keyof Messages; icon: React.ReactNode; ready: boolean }[] = [
  { key: '/employers', label: 'menuEmployers', icon: <BankOutlined />, ready: true },
  { key: '/arrears', label: 'menuArrears', icon: <AlertOutlined />, ready: true },
  { key: '/urging', label: 'menuUrging', icon: <SendOutlined />, ready: false },
  { key: '/worklist', label: 'menuWorklist', icon: <CarryOutOutlined />, ready: false },
  { key: '/campaigns', label: 'menuCampaigns', icon: <FileDoneOutlined />, ready: false },
  { key: '/oversight', label: 'menuOversight', icon: <BarChartOutlined />, ready: false },
  { key: '/disclosure', label: 'menuDisclosure', icon: <NotificationOutlined />, ready: false },
  { key: '/imports', label: 'menuImports', icon: <CloudUploadOutlined />, ready: true },
];

export function AppLayout() {
  const { t } = useI18n();
  const { user, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();

  if (user === undefined) return <Spin fullscreen />;
  if (user === null) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;

  const selected = MENU.find((m) => location.pathname.startsWith(m.key))?.key ?? '/employers';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#0b4f8a', paddingInline: 20 }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
          {t('appName')}
        </Typography.Text>
        <Typography.Text style={{ color: '#cfe3f5' }}>{t('appTitle')}</Typography.Text>
        <div style={{ flex: 1 }} />
        <Space size="middle">
          <span style={{ color: '#fff', lineHeight: 1.3, textAlign: 'right', display: 'inline-block' }}>
            <div>{user.fullName}</div>
            <div style={{ fontSize: 12, color: '#cfe3f5' }}>
              {user.roleName} · {user.office.name}
            </div>
          </span>
          <LanguageSwitch />
          <Button size="small" icon={<LogoutOutlined />} onClick={() => void logout()}>
            {t('logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={260} theme="light" breakpoint="lg" collapsedWidth={0}>
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            onClick={({ key }) => navigate(key)}
            items={MENU.map((m) => ({
              key: m.key,
              icon: m.icon,
              disabled: !m.ready,
              label: m.ready ? t(m.label) : (
                <Tooltip title={t('comingSoon')} placement="right">
                  {t(m.label)}
                </Tooltip>
              ),
            }))}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 20 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
