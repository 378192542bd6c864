import { Alert, Card, Col, DatePicker, Row, Space, Statistic, Table, Tag, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../api/client';
import { FUNDS, type Fund } from '../../../src/domain/ledger';
import { formatDate, formatPeriod, formatVnd } from '../format';
import { FiguresBasisNote } from '../layout/FiguresBasisNote';
import { useErrorText, useT } from '../i18n';
import { useLoad } from '../load';

/** A fraction of đồng from the engine ('179280' or '269/2') shown with two decimals, for the explanation only. */
function formatExact(fraction: string): string {
  const [n, d = '1'] = fraction.split('/');
  const value = Number(n) / Number(d);
  return value.toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A row of the unpaid months tab: a month, or one of the lines that reconcile the months to the totals. */
interface MonthRow {
  key: string;
  period?: string;
  label?: string;
  deadline?: string;
  unpaid?: number;
  daysLate?: number;
  chargeDays?: number;
  charge: number;
}

export const BAND_COLOR: Record<string, string> = {
  none: 'green',
  '1-2': 'gold',
  '3-5': 'orange',
  '6-11': 'volcano',
  '12+': 'red',
};

/** Where an employer stands at a date, and how each đồng of it was computed. */
export function ArrearsCard({ employerId }: { employerId: number }) {
  const t = useT();
  const errorText = useErrorText();
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  // The card stays on the last position while the next date loads; an answer for a date left behind is dropped.
  const { data: position, error } = useLoad(() => api.arrears(employerId, asOf), [employerId, asOf], { keep: true });

  if (error !== null) return <Alert type="error" showIcon title={errorText(error)} />;
  if (!position) return <Card size="small" loading title={t('arrearsTitle')} />;

  const fundRows = FUNDS.map((f) => ({ fund: f, ...position.byFund[f], exact: position.explanation.charges[f] }));
  const late = position.lateAmount > 0;
  const table = position.monthTable;
  // The unpaid months, then the charge on principal already paid late, then the totals they add up to.
  const monthRows: MonthRow[] = [
    ...table.months.map((m) => ({ key: m.period, ...m })),
    { key: 'paid', label: t('chargeOnPaidPrincipal'), charge: table.chargeOnPaidPrincipal },
    { key: 'accrued', label: t('chargeAccrued'), unpaid: table.lateAmount, charge: table.chargeAccrued },
    { key: 'chargePaid', label: t('chargePaid'), charge: -table.chargePaid },
    { key: 'outstanding', label: t('chargeOutstanding'), charge: table.charge },
  ];
  const sourceLabel = (source: string) =>
    source === 'payment' ? t('sourcePayment') : source === 'credit' ? t('sourceCredit') : t('sourceCorrection');
  return (
    <Card
      size="small"
      title={
        <Space>
          {t('arrearsTitle')}
          <Tag color={BAND_COLOR[position.band] ?? 'default'}>{late ? position.band : t('notLate')}</Tag>
        </Space>
      }
      extra={
        <Space>
          <FiguresBasisNote basis={position.basis} />
          {t('arrearsAsOf')}
          <DatePicker
            allowClear={false}
            format="DD/MM/YYYY"
            value={dayjs(position.asOf)}
            onChange={(d) => d && setAsOf(d.format('YYYY-MM-DD'))}
          />
        </Space>
      }
    >
      <Row gutter={16}>
        <Col span={6}>
          <Statistic title={t('lateAmount')} value={formatVnd(position.lateAmount)} />
        </Col>
        <Col span={3}>
          <Statistic title={t('overdueMonths')} value={position.overdueMonths} />
        </Col>
        <Col span={3}>
          <Statistic title={t('daysLate')} value={position.daysLate} />
        </Col>
        <Col span={3}>
          <Statistic
            title={t('oldestUnpaid')}
            value={position.oldestUnpaidPeriod ? formatPeriod(position.oldestUnpaidPeriod) : '—'}
          />
        </Col>
        <Col span={3}>
          <Statistic title={t('monthsEquivalent')} value={position.monthsEquivalent ?? '—'} />
        </Col>
        <Col span={6}>
          <Statistic title={t('chargeOutstanding')} value={formatVnd(position.charge)} />
        </Col>
      </Row>
      <Row gutter={16} style={{ marginTop: 8 }}>
        <Col span={6}>
          <Statistic title={t('chargeAccrued')} value={formatVnd(position.chargeAccrued)} />
        </Col>
        <Col span={6}>
          <Statistic title={t('chargePaid')} value={formatVnd(position.chargePaid)} />
        </Col>
      </Row>
      {position.credit > 0 && (
        <Typography.Paragraph>
          {t('credit')}: {formatVnd(position.credit)}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('ruleSet')}: {position.ruleSet.name}
      </Typography.Paragraph>
      {position.missingRates.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={
            <ul style={{ margin: 0, paddingLeft: 16 }}>
              {position.missingRates.map((r) => (
                <li key={`${r.fund}-${r.year}`}>
                  {t('missingOldRegimeRate', { fund: t(`fund_${r.fund}`), year: String(r.year) })}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Tabs
        items={[
          {
            key: 'funds',
            label: t('byFund'),
            children: (
              <Table
                rowKey="fund"
                size="small"
                pagination={false}
                dataSource={fundRows}
                columns={[
                  { title: t('fund'), dataIndex: 'fund', render: (f: Fund) => t(`fund_${f}`) },
                  { title: t('lateAmount'), dataIndex: 'late', align: 'right', render: formatVnd },
                  {
                    title: t('exactCharge'),
                    key: 'exact',
                    align: 'right',
                    render: (_, r) => formatExact(r.exact.exact),
                  },
                  { title: t('chargeAccrued'), dataIndex: 'chargeAccrued', align: 'right', render: formatVnd },
                  { title: t('chargePaid'), dataIndex: 'chargePaid', align: 'right', render: formatVnd },
                  { title: t('chargeOutstanding'), dataIndex: 'charge', align: 'right', render: formatVnd },
                ]}
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>{t('total')}</Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      {formatVnd(position.lateAmount)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} />
                    <Table.Summary.Cell index={3} align="right">
                      {formatVnd(position.chargeAccrued)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={4} align="right">
                      {formatVnd(position.chargePaid)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={5} align="right">
                      {formatVnd(position.charge)}
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
              />
            ),
          },
          {
            key: 'months',
            label: t('unpaidMonths'),
            children: (
              <Table<MonthRow>
                rowKey="key"
                size="small"
                pagination={false}
                dataSource={monthRows}
                columns={[
                  {
                    title: t('period'),
                    key: 'period',
                    render: (_, r) => (r.period ? formatPeriod(r.period) : <strong>{r.label}</strong>),
                  },
                  { title: t('deadline'), dataIndex: 'deadline', render: (d?: string) => (d ? formatDate(d) : '') },
                  {
                    title: t('unpaid'),
                    dataIndex: 'unpaid',
                    align: 'right',
                    render: (v?: number) => (v === undefined ? '' : formatVnd(v)),
                  },
                  { title: t('daysLate'), dataIndex: 'daysLate', align: 'right' },
                  { title: t('chargeDays'), dataIndex: 'chargeDays', align: 'right' },
                  { title: t('charge'), dataIndex: 'charge', align: 'right', render: formatVnd },
                ]}
              />
            ),
          },
          {
            key: 'outstanding',
            label: t('outstanding'),
            children: (
              <Table
                rowKey={(r) => `${r.period}-${r.fund}`}
                size="small"
                pagination={{ pageSize: 12, hideOnSinglePage: true }}
                dataSource={position.explanation.outstanding}
                columns={[
                  { title: t('period'), dataIndex: 'period', render: formatPeriod },
                  { title: t('fund'), dataIndex: 'fund', render: (f: Fund) => t(`fund_${f}`) },
                  { title: t('deadline'), dataIndex: 'deadline', render: formatDate },
                  { title: t('due'), dataIndex: 'due', align: 'right', render: formatVnd },
                  { title: t('unpaid'), dataIndex: 'unpaid', align: 'right', render: formatVnd },
                  { title: t('chargeDays'), dataIndex: 'chargeDays', align: 'right' },
                  { title: t('charge'), dataIndex: 'charge', align: 'right', render: formatVnd },
                  {
                    title: t('status'),
                    dataIndex: 'overdue',
                    render: (o: boolean) => (o ? <Tag color="red">{t('overdue')}</Tag> : <Tag>{t('notYetDue')}</Tag>),
                  },
                ]}
              />
            ),
          },
          {
            key: 'allocations',
            label: t('allocations'),
            children: (
              <Table
                rowKey={(r) => `${r.reference}-${r.period}-${r.fund}-${r.date}`}
                size="small"
                pagination={{ pageSize: 12, hideOnSinglePage: true }}
                dataSource={[...position.explanation.allocations].reverse()}
                columns={[
                  { title: t('paidOn'), dataIndex: 'date', render: formatDate },
                  {
                    title: t('source'),
                    key: 'source',
                    render: (_, r) => `${sourceLabel(r.source)} ${r.reference}`,
                  },
                  { title: t('period'), dataIndex: 'period', render: formatPeriod },
                  { title: t('fund'), dataIndex: 'fund', render: (f: Fund) => t(`fund_${f}`) },
                  { title: t('amount'), dataIndex: 'amount', align: 'right', render: formatVnd },
                  { title: t('deadline'), dataIndex: 'deadline', render: formatDate },
                  { title: t('chargeDays'), dataIndex: 'chargeDays', align: 'right' },
                ]}
              />
            ),
          },
          {
            key: 'chargePayments',
            label: t('chargePayments'),
            children: (
              <Table
                rowKey={(r) => `${r.reference}-${r.fund}-${r.date}`}
                size="small"
                pagination={{ pageSize: 12, hideOnSinglePage: true }}
                dataSource={[...position.explanation.chargePayments].reverse()}
                columns={[
                  { title: t('paidOn'), dataIndex: 'date', render: formatDate },
                  { title: t('source'), key: 'source', render: (_, r) => `${sourceLabel(r.source)} ${r.reference}` },
                  { title: t('fund'), dataIndex: 'fund', render: (f: Fund) => t(`fund_${f}`) },
                  { title: t('amount'), dataIndex: 'amount', align: 'right', render: formatVnd },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
