import { Button, Layout, Menu, Space, Spin, Typography } from 'antd';
import type { ItemType } from 'antd/es/menu/interface';
import {
  AlertOutlined,
  BankOutlined,
  BarChartOutlined,
  CarryOutOutlined,
  CloudUploadOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  LogoutOutlined,
  MessageOutlined,
  NotificationOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Suspense, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { mayOpen } from '../auth/roles';
import { useT, type Translate } from '../i18n';
import type { Messages } from '../i18n/messages';
import { LanguageSwitch } from './LanguageSwitch';
import { NoticeBell } from './NoticeBell';
import { PageErrorBoundary } from './PageErrorBoundary';

interface MenuEntry {
  key: string;
  label: keyof Messages;
  icon?: ReactNode;
  /** A group's pages; its key then names the group, not a page. */
  children?: MenuEntry[];
}

/**
 * The pages, in the order an officer meets them. A page is listed only for the roles whose requests its data would
 * not be refused (auth/roles: PAGE_NEEDS, the server's route rules); a group only when one of its pages is.
 */
const MENU: MenuEntry[] = [
  { key: '/worklist', label: 'menuWorklist', icon: <CarryOutOutlined /> },
  { key: '/employers', label: 'menuEmployers', icon: <BankOutlined /> },
  { key: '/arrears', label: 'menuArrears', icon: <AlertOutlined /> },
  { key: '/campaigns', label: 'menuCampaigns', icon: <FileDoneOutlined /> },
  {
    key: 'oversight',
    label: 'menuOversight',
    icon: <BarChartOutlined />,
    children: [
      { key: '/oversight', label: 'menuOverview' },
      { key: '/oversight/emulation', label: 'menuEmulation' },
      { key: '/oversight/inspection', label: 'menuInspection' },
    ],
  },
  {
    key: '/disclosure',
    label: 'menuDisclosure',
    icon: <NotificationOutlined />,
  },
  { key: '/feedback', label: 'menuFeedback', icon: <MessageOutlined /> },
  { key: '/imports', label: 'menuImports', icon: <CloudUploadOutlined /> },
  { key: '/users', label: 'menuUsers', icon: <TeamOutlined /> },
  { key: '/offices/documents', label: 'menuOfficeDocuments', icon: <FileTextOutlined /> },
  { key: '/account', label: 'menuAccount', icon: <UserOutlined /> },
];
const PAGES = MENU.flatMap((m) => m.children ?? [m]);

const ROLES = [
  'national_admin',
  'collection_board',
  'inspection',
  'communication',
  'province_director',
  'province_officer',
  'grassroots_officer',
] as const;

/** The role in the chosen language; a role the UI does not know yet keeps the server's (Vietnamese) name. */
function roleLabel(t: Translate, role: string, roleName: string): string {
  const known = ROLES.find((r) => r === role);
  return known ? t(`role_${known}`) : roleName;
}

export function AppLayout() {
  const t = useT();
  const { user, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();

  if (user === undefined) return <Spin fullscreen />;
  if (user === null) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  // The server refuses every page to a one-time password; send the user to change it first.
  if (user.mustChangePassword) return <Navigate to="/change-password" replace />;

  // The longest page key the path starts with: /oversight/emulation is its own page, not the overview's.
  const selected =
    PAGES.filter((m) => location.pathname === m.key || location.pathname.startsWith(`${m.key}/`)).sort(
      (a, b) => b.key.length - a.key.length,
    )[0]?.key ?? '/employers';
  const visible = (m: MenuEntry): boolean => (m.children ? m.children.some(visible) : mayOpen(user, m.key));
  const item = (m: MenuEntry): ItemType => ({
    key: m.key,
    icon: m.icon,
    label: t(m.label),
    ...(m.children && { children: m.children.filter(visible).map(item) }),
  });
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        className="no-print"
        style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#0b4f8a', paddingInline: 20 }}
      >
        <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
          {t('appName')}
        </Typography.Text>
        <Typography.Text style={{ color: '#cfe3f5' }}>{t('appTitle')}</Typography.Text>
        <div style={{ flex: 1 }} />
        <Space size="middle">
          <div style={{ color: '#fff', lineHeight: 1.3, textAlign: 'right' }}>
            <div>{user.fullName}</div>
            <div style={{ fontSize: 12, color: '#cfe3f5' }}>
              {roleLabel(t, user.role, user.roleName)} · {user.office.name}
            </div>
          </div>
          <NoticeBell />
          <LanguageSwitch />
          <Button size="small" icon={<LogoutOutlined />} onClick={() => void logout()}>
            {t('logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider className="no-print" width={248} theme="light" breakpoint="lg" collapsedWidth={0}>
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            defaultOpenKeys={MENU.filter((m) => m.children).map((m) => m.key)}
            onClick={({ key }) => navigate(key)}
            items={MENU.filter(visible).map(item)}
          />
        </Layout.Sider>
        <Layout.Content className="app-content" style={{ padding: 20 }}>
          {/* Keyed by page, so that leaving a failed page gives the next one a fresh start. */}
          <PageErrorBoundary key={location.pathname}>
            <Suspense fallback={<Spin style={{ display: 'block', marginTop: 48 }} />}>
              <Outlet />
            </Suspense>
          </PageErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
