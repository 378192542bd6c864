import { Alert, App, Button, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { dayNumber } from '../../../src/domain/periods';
import { api } from '../api/client';
import type { CampaignSummary } from '../../../src/features/campaigns/schemas';
import { useAuth } from '../auth/AuthContext';
import { userCan } from '../auth/roles';
import { formatDate, formatPercent } from '../format';
import { useErrorText, useT } from '../i18n';
import { useLoad } from '../load';
import { CampaignFormModal } from './CampaignFormModal';
import { vietnamToday } from './labels';

const PHASE_COLOR = { upcoming: 'blue', running: 'green', ended: 'default' } as const;

/** Đợt cao điểm: the campaigns the user reports to or oversees, the latest first. */
export function CampaignListPage() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { user } = useAuth();
  const navigate = useNavigate();
  const { data, error, loading } = useLoad(() => api.campaigns(), []);
  const items = data?.items;
  const [creating, setCreating] = useState(false);
  const manages = !!user && userCan(user, 'campaign.manage');
  const today = vietnamToday();

  const phase = (c: CampaignSummary) => (today < c.firstDay ? 'upcoming' : today > c.lastDay ? 'ended' : 'running');
  const columns: ColumnsType<CampaignSummary> = [
    {
      title: t('campaignName'),
      key: 'name',
      minWidth: 260,
      render: (_, c) => (
        <Space size={6} wrap>
          <Link to={`/campaigns/${c.id}`}>{c.name}</Link>
          <Tag color={PHASE_COLOR[phase(c)]}>{t(`campaign_${phase(c)}`)}</Tag>
        </Space>
      ),
    },
    { title: t('legalBasis'), dataIndex: 'legalBasis', key: 'legalBasis', minWidth: 200 },
    {
      title: t('campaignDates'),
      key: 'dates',
      width: 230,
      render: (_, c) => (
        <>
          {formatDate(c.firstDay)} – {formatDate(c.lastDay)}
          <Typography.Text type="secondary">
            {' '}
            · {t('dayCount', { n: dayNumber(c.lastDay) - dayNumber(c.firstDay) + 1 })}
          </Typography.Text>
        </>
      ),
    },
    { title: t('baselineDate'), dataIndex: 'baselineDate', key: 'baselineDate', width: 120, render: formatDate },
    {
      title: t('targetLateRatio'),
      dataIndex: 'targetLateRatio',
      key: 'target',
      width: 140,
      align: 'right',
      render: (r: number | null) => (r === null ? '—' : formatPercent(r)),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center' }}>
        <Typography.Title level={4} style={{ margin: 0, flex: 1 }}>
          {t('campaignsTitle')}
        </Typography.Title>
        {manages && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('createCampaign')}
          </Button>
        )}
      </div>
      {error !== null && <Alert type="error" showIcon title={errorText(error)} />}
      <Table<CampaignSummary>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
      />
      {creating && (
        <CampaignFormModal
          onClose={() => setCreating(false)}
          onCreated={(id, name) => {
            message.success(t('campaignCreated', { name }));
            navigate(`/campaigns/${id}`);
          }}
        />
      )}
    </Space>
  );
}
