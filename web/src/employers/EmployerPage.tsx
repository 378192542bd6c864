import { Alert, Button, Card, Descriptions, List, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { FUNDS, type Fund } from '../../../src/domain/ledger';
import type { Ledger } from '../../../src/features/employers/schemas';
import { ArrearsCard } from '../arrears/ArrearsCard';
import { formatCount, formatDate, formatInstant, formatPeriod, formatVnd } from '../format';
import { useErrorText, useT } from '../i18n';
import { isNotFound, useLoad } from '../load';
import { UrgingTab } from '../urging/UrgingTab';
import { C12NoticeCard } from './C12NoticeCard';
import { StatusTag, useLabels } from './labels';

type Month = Ledger['months'][number];
type Payment = Ledger['payments'][number];

export function EmployerPage() {
  const t = useT();
  const errorText = useErrorText();
  const labels = useLabels();
  const navigate = useNavigate();
  const location = useLocation();
  const idParam = useParams().id ?? '';
  // The open section is in the URL, so that the worklist can link straight to an employer's urging.
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'urging' ? 'urging' : 'arrears';
  const id = /^\d+$/.test(idParam) && Number.isSafeInteger(Number(idParam)) ? Number(idParam) : null;
  const { data, error, loading } = useLoad(
    id === null
      ? null
      : () => Promise.all([api.employer(id), api.ledger(id)]).then(([employer, ledger]) => ({ employer, ledger })),
    [id],
  );

  // Back to the list as it was (its filters are in the URL); a link opened directly has no list behind it.
  const back = (
    <Button
      icon={<ArrowLeftOutlined />}
      onClick={() => (location.key === 'default' ? navigate('/employers') : navigate(-1))}
    >
      {t('back')}
    </Button>
  );

  if (loading) return <Spin style={{ display: 'block', marginTop: 48 }} />;
  if (!data) {
    return (
      <Space orientation="vertical">
        {back}
        {error === null || isNotFound(error) ? (
          <Alert type="warning" showIcon title={t('notFound')} />
        ) : (
          <Alert type="error" showIcon title={errorText(error)} />
        )}
      </Space>
    );
  }

  const { employer, ledger } = data;
  const fundTotals = Object.fromEntries(
    FUNDS.map((f) => [f, ledger.months.reduce((sum, m) => sum + m.due[f], 0)]),
  ) as Record<Fund, number>;

  const monthColumns: ColumnsType<Month> = [
    { title: t('period'), dataIndex: 'period', key: 'period', width: 100, render: (p: string) => formatPeriod(p) },
    ...FUNDS.map((f) => ({
      title: t(`fund_${f}`),
      key: f,
      align: 'right' as const,
      render: (_: unknown, m: Month) => formatVnd(m.due[f]),
    })),
    {
      title: t('totalDue'),
      key: 'total',
      align: 'right',
      render: (_, m) => <strong>{formatVnd(m.due.total)}</strong>,
    },
  ];
  const paymentColumns: ColumnsType<Payment> = [
    { title: t('paidOn'), dataIndex: 'date', key: 'date', width: 130, render: (d: string) => formatDate(d) },
    { title: t('amount'), dataIndex: 'amount', key: 'amount', align: 'right', render: (n: number) => formatVnd(n) },
    { title: t('reference'), dataIndex: 'reference', key: 'reference' },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {back}
      <Typography.Title level={4} style={{ margin: 0 }}>
        {employer.name} <StatusTag status={employer.status} />
      </Typography.Title>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'code', label: t('code'), children: employer.code },
            { key: 'taxCode', label: t('taxCode'), children: employer.taxCode },
            { key: 'status', label: t('status'), children: <StatusTag status={employer.status} /> },
            { key: 'address', label: t('address'), span: 2, children: employer.address || '—' },
            { key: 'ownership', label: t('ownership'), children: labels.ownership(employer.ownership) },
            { key: 'office', label: t('office'), children: employer.office.name },
            { key: 'province', label: t('province'), children: employer.province?.name ?? '—' },
            { key: 'headcount', label: t('headcount'), children: formatCount(employer.headcount) },
            { key: 'cycle', label: t('paymentCycle'), children: labels.cycle(employer.paymentCycle) },
            { key: 'createdAt', label: t('createdAt'), children: formatInstant(employer.createdAt) },
            { key: 'updatedAt', label: t('updatedAt'), children: formatInstant(employer.updatedAt) },
          ]}
        />
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'urging' ? { tab: key } : {}, { replace: true })}
        items={[
          {
            key: 'arrears',
            label: t('tabArrears'),
            children: (
              <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                <ArrearsCard employerId={employer.id} />
                <C12NoticeCard employerId={employer.id} />
                <Card size="small" title={t('assignments')}>
                  {employer.assignments.length === 0 ? (
                    <Typography.Text type="secondary">{t('noAssignments')}</Typography.Text>
                  ) : (
                    <List
                      size="small"
                      dataSource={employer.assignments}
                      renderItem={(a) => (
                        <List.Item>
                          <Space>
                            <Tag color={a.responsibility === 'leader' ? 'blue' : 'default'}>{t(a.responsibility)}</Tag>
                            <span>
                              {a.user.fullName} ({a.user.username}) — {t('since')} {formatDate(a.assignedFrom)}
                            </span>
                          </Space>
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
                      <span>
                        {t('totalDue')}: <strong>{formatVnd(ledger.totals.due)}</strong>
                      </span>
                      <span>
                        {t('totalPaid')}: <strong>{formatVnd(ledger.totals.paid)}</strong>
                      </span>
                    </Space>
                  }
                >
                  <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                    <Table<Month>
                      rowKey="period"
                      size="small"
                      columns={monthColumns}
                      dataSource={ledger.months}
                      pagination={false}
                      // Years of months: scroll inside the card, the totals row stays in view.
                      scroll={{ y: 420 }}
                      summary={() => (
                        <Table.Summary fixed>
                          <Table.Summary.Row>
                            <Table.Summary.Cell index={0}>
                              <strong>{t('total')}</strong>
                            </Table.Summary.Cell>
                            {FUNDS.map((f, i) => (
                              <Table.Summary.Cell key={f} index={i + 1} align="right">
                                {formatVnd(fundTotals[f])}
                              </Table.Summary.Cell>
                            ))}
                            <Table.Summary.Cell index={FUNDS.length + 1} align="right">
                              <strong>{formatVnd(ledger.totals.due)}</strong>
                            </Table.Summary.Cell>
                          </Table.Summary.Row>
                        </Table.Summary>
                      )}
                    />
                    <Typography.Title level={5} style={{ margin: 0 }}>
                      {t('payments')}
                    </Typography.Title>
                    <Table<Payment>
                      rowKey="id"
                      size="small"
                      columns={paymentColumns}
                      dataSource={ledger.payments}
                      pagination={{ pageSize: 12, hideOnSinglePage: true, showSizeChanger: false }}
                      summary={() => (
                        <Table.Summary.Row>
                          <Table.Summary.Cell index={0}>
                            <strong>{t('totalPaid')}</strong>
                          </Table.Summary.Cell>
                          <Table.Summary.Cell index={1} align="right">
                            <strong>{formatVnd(ledger.totals.paid)}</strong>
                          </Table.Summary.Cell>
                          <Table.Summary.Cell index={2} />
                        </Table.Summary.Row>
                      )}
                    />
                  </Space>
                </Card>
              </Space>
            ),
          },
          { key: 'urging', label: t('tabUrging'), children: <UrgingTab employer={employer} /> },
        ]}
      />
    </Space>
  );
}
