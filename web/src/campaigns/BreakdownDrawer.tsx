import { Alert, Drawer, Space, Spin, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { indicatorKind } from '../../../src/domain/report-figures';
import { api, type ReportRef } from '../api/client';
import type { Breakdown, FigureRow } from '../../../src/features/campaigns/schemas';
import { formatCount, formatDate, formatVnd } from '../format';
import { useErrorText, useI18n } from '../i18n';
import { useLoad } from '../load';

type LateRow = Breakdown['employers'][number];
type ActionRow = Breakdown['actions'][number];
type PaymentRow = Breakdown['payments'][number];

const employerLink = (r: { employerId: number; name: string }) => (
  <Link to={`/employers/${r.employerId}`}>{r.name}</Link>
);

function MoneyTotal({ label, amount, span }: { label: string; amount: number; span: number }) {
  return (
    <Table.Summary.Row>
      <Table.Summary.Cell index={0} colSpan={span}>
        <strong>{label}</strong>
      </Table.Summary.Cell>
      <Table.Summary.Cell index={1} align="right">
        <strong>{formatVnd(amount)}</strong>
      </Table.Summary.Cell>
      <Table.Summary.Cell index={2} />
    </Table.Summary.Row>
  );
}

/**
 * The list behind one figure of a province's report: the late employers behind a stock row, the actions behind a count
 * of what was done, the payments behind the amount recovered. Lists are drawn from the data now, so for a frozen
 * version they may have moved on.
 */
export function BreakdownDrawer({
  report,
  row,
  frozen,
  onClose,
}: {
  report: ReportRef;
  row: FigureRow;
  frozen: boolean;
  onClose(): void;
}) {
  const { language, t } = useI18n();
  const errorText = useErrorText();
  const { campaignId, officeId, day } = report;
  const { data, error } = useLoad(
    () => api.breakdown({ campaignId, officeId, day }, row.indicator),
    [campaignId, officeId, day, row.indicator],
  );

  const kind = indicatorKind(row.indicator);
  const pageSize = { pageSize: 50, hideOnSinglePage: true, showSizeChanger: false };

  const lateColumns: ColumnsType<LateRow> = [
    { title: t('code'), dataIndex: 'code', key: 'code', width: 110 },
    { title: t('name'), key: 'name', render: (_, r) => employerLink(r) },
    {
      title: t('lateAmount'),
      dataIndex: 'lateAmount',
      key: 'lateAmount',
      align: 'right',
      width: 140,
      render: formatVnd,
    },
    {
      title: t('overdueMonths'),
      dataIndex: 'overdueMonths',
      key: 'overdueMonths',
      align: 'right',
      width: 100,
      // Three months is the template's threshold (rows 3 and 4).
      render: (n: number) => <Typography.Text type={n >= 3 ? 'danger' : undefined}>{n}</Typography.Text>,
    },
  ];
  const actionColumns: ColumnsType<ActionRow> = [
    { title: t('actionDate'), dataIndex: 'date', key: 'date', width: 100, render: formatDate },
    { title: t('code'), dataIndex: 'code', key: 'code', width: 110 },
    { title: t('name'), key: 'name', render: (_, r) => employerLink(r) },
    { title: t('actionKind'), key: 'kind', width: 190, render: (_, r) => t(`action_${r.kind}`) },
    {
      title: t('documentNumber'),
      dataIndex: 'documentNumber',
      key: 'documentNumber',
      width: 130,
      render: (n: string | null) => n ?? '—',
    },
  ];
  const paymentColumns: ColumnsType<PaymentRow> = [
    { title: t('paidOn'), dataIndex: 'date', key: 'date', width: 100, render: formatDate },
    { title: t('code'), dataIndex: 'code', key: 'code', width: 110 },
    { title: t('name'), key: 'name', render: (_, r) => employerLink(r) },
    { title: t('amount'), dataIndex: 'amount', key: 'amount', align: 'right', width: 140, render: formatVnd },
    { title: t('reference'), dataIndex: 'reference', key: 'reference', width: 170 },
  ];

  const content = () => {
    if (error !== null) return <Alert type="error" showIcon title={errorText(error)} />;
    if (!data) return <Spin style={{ display: 'block', marginTop: 24 }} />;
    if (kind === 'stock') {
      return (
        <Table<LateRow>
          rowKey="employerId"
          size="small"
          columns={lateColumns}
          dataSource={data.employers}
          pagination={pageSize}
          summary={(rows) =>
            rows.length > 1 && (
              <MoneyTotal label={t('total')} amount={data.employers.reduce((s, r) => s + r.lateAmount, 0)} span={2} />
            )
          }
        />
      );
    }
    if (row.indicator === 'recovered_amount') {
      return (
        <Table<PaymentRow>
          rowKey={(r) => `${r.employerId}-${r.date}-${r.reference}`}
          size="small"
          columns={paymentColumns}
          dataSource={data.payments}
          pagination={pageSize}
          // The figure counts each payment only up to what the employer owed at the baseline; the list shows it whole.
          summary={(rows) =>
            rows.length > 1 && (
              <MoneyTotal label={t('totalPaid')} amount={data.payments.reduce((s, r) => s + r.amount, 0)} span={3} />
            )
          }
        />
      );
    }
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {t('totalEmployers', { n: formatCount(new Set(data.actions.map((a) => a.employerId)).size) })}
        </Typography.Text>
        <Table<ActionRow>
          rowKey="id"
          size="small"
          columns={actionColumns}
          dataSource={data.actions}
          pagination={pageSize}
        />
      </Space>
    );
  };

  return (
    <Drawer
      open
      size={860}
      title={`${row.code}. ${language === 'en' ? row.labelEn : row.label} · ${formatDate(day)}`}
      onClose={onClose}
      className="no-print"
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {frozen && <Alert type="info" showIcon title={t('breakdownNow')} />}
        {content()}
      </Space>
    </Drawer>
  );
}
