import { Alert, Button, Descriptions, Space, Spin, Table, Tag, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../api/client';
import type { BoardProvince, Campaign } from '../../../src/features/campaigns/schemas';
import { useAuth } from '../auth/AuthContext';
import { formatDate, formatInstant, formatPercent, shortOfficeName } from '../format';
import { useErrorText, useT } from '../i18n';
import { isNotFound, useLoad } from '../load';
import {
  boardPath,
  CampaignCrumbs,
  dayLabel,
  defaultDay,
  idParam,
  ReportStatusTag,
  reportPath,
  vietnamToday,
} from './labels';

type Day = Campaign['days'][number];
type Own = Pick<BoardProvince, 'status' | 'submittedAt'>;

const NO_STATUSES = new Map<string, Own>();

/**
 * A campaign's days and deadlines. A provincial user sees their own report of each day; the national offices open
 * each day's board, where every province is.
 */
export function CampaignPage() {
  const t = useT();
  const errorText = useErrorText();
  const { user } = useAuth();
  const navigate = useNavigate();
  const id = idParam(useParams().id);
  const today = vietnamToday();
  const {
    data: campaign,
    error,
    loading,
  } = useLoad(id === undefined ? null : () => api.campaign(id), [id], { keep: true });
  const province =
    user?.office.kind === 'province' ? campaign?.provinces.find((p) => p.id === user.office.id) : undefined;
  // A province's board holds only that province: one small answer per day that has come. Without the statuses the
  // days and their links still serve, so a failure shows none.
  const own =
    useLoad(
      campaign && province
        ? () =>
            Promise.all(
              campaign.days
                .map((d) => d.day)
                .filter((d) => d <= today)
                .map((d) => api.board(campaign.id, d).then((b) => [d, b.provinces[0]] as const)),
            ).then(
              (answers) =>
                new Map(
                  answers.flatMap(([d, p]) =>
                    p ? [[d, { status: p.status, submittedAt: p.submittedAt }] as const] : [],
                  ),
                ),
            )
        : null,
      [campaign, province, today],
    ).data ?? NO_STATUSES;

  if (!campaign && loading) return <Spin style={{ display: 'block', marginTop: 48 }} />;
  if (!campaign || error !== null) {
    return (
      <Space orientation="vertical">
        <CampaignCrumbs />
        {error === null || isNotFound(error) ? (
          <Alert type="warning" showIcon title={t('campaignNotFound')} />
        ) : (
          <Alert type="error" showIcon title={errorText(error)} />
        )}
      </Space>
    );
  }

  const c = campaign;
  const focus = defaultDay(c.days.map((d) => d.day));
  const linkTo = (day: string) => (province ? reportPath(c.id, province.id, day) : boardPath(c.id, day));

  const columns: ColumnsType<Day> = [
    {
      title: t('reportDay'),
      key: 'day',
      width: 200,
      render: (_, d) => (
        <Space size={6} style={{ whiteSpace: 'nowrap' }}>
          <span style={{ fontWeight: d.day === focus ? 600 : undefined }}>{dayLabel(d.day)}</span>
          {d.day === today && <Tag color="blue">{t('today')}</Tag>}
        </Space>
      ),
    },
    { title: t('reportDeadline'), key: 'deadline', width: 150, render: (_, d) => formatInstant(d.deadline) },
    ...(province
      ? ([
          {
            title: t('status'),
            key: 'status',
            width: 140,
            render: (_, d) => {
              const s = own.get(d.day);
              return d.day > today ? (
                <ReportStatusTag status="open" />
              ) : s ? (
                <ReportStatusTag status={s.status} />
              ) : (
                '—'
              );
            },
          },
          {
            title: t('submittedAt'),
            key: 'submittedAt',
            width: 150,
            render: (_, d) => {
              const at = own.get(d.day)?.submittedAt;
              return at ? formatInstant(at) : '—';
            },
          },
        ] satisfies ColumnsType<Day>)
      : []),
    {
      key: 'open',
      render: (_, d) => <Link to={linkTo(d.day)}>{province ? t('openReport') : t('openBoard')}</Link>,
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <CampaignCrumbs campaign={c} />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-start' }}>
        <div style={{ flex: 1, minWidth: 320 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {c.name}
          </Typography.Title>
          <Typography.Text type="secondary">{c.legalBasis}</Typography.Text>
        </div>
        {focus && (
          <Button
            type="primary"
            icon={<ArrowRightOutlined />}
            iconPlacement="end"
            onClick={() => navigate(linkTo(focus))}
          >
            {t(province ? 'reportOfDay' : 'boardOfDay', { date: formatDate(focus) })}
          </Button>
        )}
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 4 }}
        items={[
          {
            key: 'dates',
            label: t('campaignDates'),
            children: `${formatDate(c.firstDay)} – ${formatDate(c.lastDay)} (${t('dayCount', { n: c.days.length })})`,
          },
          { key: 'baseline', label: t('baselineDate'), children: formatDate(c.baselineDate) },
          {
            key: 'target',
            label: t('targetLateRatio'),
            children: c.targetLateRatio === null ? '—' : formatPercent(c.targetLateRatio),
          },
          {
            key: 'provinces',
            label: t('province'),
            children: province ? shortOfficeName(province.name) : t('provincesCount', { n: c.provinces.length }),
          },
        ]}
      />
      <Table<Day>
        rowKey="day"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={c.days}
        scroll={{ x: 700 }}
        style={{ maxWidth: province ? 900 : 620 }}
        // React's attribute types leave out data-* in an object; the row renders it all the same.
        onRow={(d) => ({ 'data-testid': `day-${d.day}` }) as HTMLAttributes<HTMLElement>}
      />
    </Space>
  );
}
