import { Alert, Button, Card, Descriptions, Empty, List, Space, Spin, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import { FUNDS, type EmployerDetail, type Ledger } from '../api/types';
import { formatCount, formatDate, formatInstant, formatPeriod, formatVnd } from '../format';
import { useI18n } from '../i18n';
import { ArrearsCard } from '../arrears/ArrearsCard';
import { StatusTag, useLabels } from './labels';

type Month = Ledger['months'][number];

export function EmployerPage() {
  const { t } = useI18n();
  const labels = useLabels();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const [employer, setEmployer] = useState<EmployerDetail | null>(null);
  const [ledger, setLedger] = useState<Ledger | null>(null);
  const [error, setError] = useState<{ notFound: boolean; message: string } | null>(null);

  useEffect(() => {
    setEmployer(null);
    setLedger(null);
    setError(null);
    Promise.all([api.employer(id), api.ledger(id)]).then(
      ([e, l]) => {
        setEmployer(e);
        setLedger(l);
      },
      (e) =>
        setError({
          notFound: e instanceof ApiError && (e.status === 404 || e.status === 400),
          message: e instanceof ApiError ? e.message : t('errorGeneric'),
        }),
    );
  }, [id, t]);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
      {t('back')}
    </Button>
  );
  if (error) {
    return (
      <Space direction="vertical">
        {back}
        <Alert type={error.notFound ? 'warning' : 'error'} showIcon message={error.notFound ? t('notFound') : error.message} />
      </Space>
    );
  }
  if (!employer || !ledger) return <Spin />;

  const money = (n: number) => formatVnd(n);
  const monthColumns = [
    { title: t('period'), dataIndex: 'period', key: 'period', render: (p: string) => formatPeriod(p), width: 100 },
    ...FUNDS.map((f) => ({
      title: t(`fund_${f}`), key: f, align: 'right' as const, render: (_: unknown, m: Month) => money(m.due[f]),
    })),
    {
      title: t('totalDue'), key: 'total', align: 'right' as const,
      render: (_: unknown, m: Month) => <strong>{money(m.due.total)}</strong>,
    },
  ];
  const fundTotals = Object.fromEntries(
    FUNDS.map((f) => [f, ledger.months.reduce((s, m) => s + m.due[f], 0)]),
  ) as Record<(typeof FUNDS)[number], number>;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {back}
      <Typography.Title level={4} style={{ margin: 0 }}>
        {employer.name} <StatusTag status={employer.status} />
      </Typography.Title>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('code')}>{employer.code}</Descriptions.Item>
          <Descriptions.Item label={t('taxCode')}>{employer.taxCode}</Descriptions.Item>
          <Descriptions.Item label={t('ownership')}>{labels.ownership(employer.ownership)}</Descriptions.Item>
          <Descriptions.Item label={t('address')} span={2}>{employer.address || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('headcount')}>{formatCount(employer.headcount)}</Descriptions.Item>
          <Descriptions.Item label={t('office')}>{employer.office.name}</Descriptions.Item>
          <Descriptions.Item label={t('province')}>{employer.province.name}</Descriptions.Item>
          <Descriptions.Item label={t('paymentCycle')}>{labels.cycle(employer.paymentCycle)}</Descriptions.Item>
          <Descriptions.Item label={t('createdAt')}>{formatInstant(employer.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('updatedAt')}>{formatInstant(employer.updatedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <ArrearsCard employerId={employer.id} />
      <Card size="small" title={t('assignments')}>
        {employer.assignments.length === 0 ? (
          <Typography.Text type="secondary">{t('noAssignments')}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={employer.assignments}
            renderItem={(a) => (
              <List.Item>
                <Tag color={a.responsibility === 'leader' ? 'blue' : 'default'}>{t(a.responsibility)}</Tag>
                {a.user.fullName} ({a.user.username}) — {t('since')} {formatDate(a.assignedFrom)}
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card
        size="small"
        title={t('ledgerTitle')}
        extra={
          <Space size="large">
            <span>{t('totalDue')}: <strong>{money(ledger.totals.due)}</strong></span>
            <span>{t('totalPaid')}: <strong>{money(ledger.totals.paid)}</strong></span>
          </Space>
        }
      >
        <Table<Month>
          rowKey="period"
          size="small"
          columns={monthColumns}
          dataSource={ledger.months}
          pagination={false}
          scroll={{ y: 420 }}
          locale={{ emptyText: <Empty description={t('noData')} /> }}
          summary={() => (
            <Table.Summary fixed>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}><strong>{t('total')}</strong></Table.Summary.Cell>
                {FUNDS.map((f, i) => (
                  <Table.Summary.Cell key={f} index={i + 1} align="right">{money(fundTotals[f])}</Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={5} align="right"><strong>{money(ledger.totals.due)}</strong></Table.Summary.Cell>
              </Table.Summary.Row>
            </Table.Summary>
          )}
        />
      </Card>
      <Card size="small" title={t('payments')}>
        <Table
          rowKey="id"
          size="small"
          dataSource={ledger.payments}
          pagination={{ pageSize: 12, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('noData')} /> }}
          columns={[
            { title: t('paidOn'), dataIndex: 'date', key: 'date', render: (d: string) => formatDate(d), width: 130 },
            { title: t('amount'), dataIndex: 'amount', key: 'amount', align: 'right', render: (n: number) => money(n) },
            { title: t('reference'), dataIndex: 'reference', key: 'reference' },
          ]}
        />
      </Card>
    </Space>
  );
}
