import { Alert, Button, Card, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { ArrowUpOutlined } from '@ant-design/icons';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import type { SorterResult } from 'antd/es/table/interface';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { EMPLOYER_STATUSES as STATUSES } from '../../../src/domain/ledger';
import type { ArrearsSummary, LateEmployer, LatePage, LateSort, OfficeArrears } from '../../../src/features/arrears/schemas';
import { formatCount, formatDate, formatPercent, formatPeriod, formatVnd, shortOfficeName } from '../format';
import { useErrorText, useT } from '../i18n';
import { OWNERSHIPS, StatusTag, useLabels } from '../employers/labels';
import { BAND_COLOR } from './ArrearsCard';
import { lateRatio } from '../../../src/domain/rules';

const BANDS = ['1-2', '3-5', '6-11', '12+'];
const LATE_SORTS = ['lateAmount', 'overdueMonths', 'charge', 'code', 'name'] as const satisfies readonly LateSort[];
const SORTS = ['lateAmount', 'overdueMonths', 'charge', 'code', 'name'] as const;

/** Chậm đóng: the figures by office (click to go down a level) and the late employers below it. */
export function ArrearsPage() {
  const t = useT();
  const errorText = useErrorText();
  const labels = useLabels();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const num = (k: string) => (params.get(k) ? Number(params.get(k)) : undefined);
  const officeId = num('officeId');
  const band = params.get('band') ?? undefined;
  const minAmount = num('minAmount');
  const maxAmount = num('maxAmount');
  // A value the server would refuse (a link edited by hand) filters nothing rather than failing the page.
  const oneOf = <T extends string>(key: string, allowed: readonly T[]): T | undefined => allowed.find((v) => v === params.get(key));
  const ownership = oneOf('ownership', OWNERSHIPS);
  const status = oneOf('status', STATUSES);
  const page = num('page') ?? 1;
  const pageSize = num('pageSize') ?? 20;
  const sort = oneOf('sort', LATE_SORTS) ?? 'lateAmount';
  const order = params.get('order') === 'asc' ? 'asc' : 'desc';

  const [summary, setSummary] = useState<ArrearsSummary | null>(null);
  const [late, setLate] = useState<LatePage | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The offices above the one shown, for "up one level".
  const [trail, setTrail] = useState<(number | undefined)[]>([]);

  const update = (changes: Record<string, string | number | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage) next.delete('page');
    setParams(next);
  };

  useEffect(() => {
    api.summary(officeId).then(setSummary, setError);
  }, [officeId]);

  useEffect(() => {
    let current = true;
    setLoading(true);
    api
      .late({ officeId, band, minAmount, maxAmount, ownership, status, page, pageSize, sort, order })
      .then((r) => current && (setLate(r), setError(null)))
      .catch((e) => current && setError(e))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [officeId, band, minAmount, maxAmount, ownership, status, page, pageSize, sort, order]);

  const drill = (o: OfficeArrears) => {
    if (o.id === officeId || o.kind === 'grassroots') return;
    setTrail((tr) => [...tr, officeId]);
    update({ officeId: o.id });
  };
  const up = () => {
    setTrail((tr) => tr.slice(0, -1));
    update({ officeId: trail[trail.length - 1] });
  };

  const totals = (summary?.offices ?? []).reduce(
    (s, o) => ({
      employers: s.employers + o.employers, late: s.late + o.lateEmployers, amount: s.amount + o.lateAmount,
      charge: s.charge + o.charge, receivable: s.receivable + o.receivable,
      // The sum of the plans only when every row has one: a partial sum would understate the denominator.
      plan: s.plan === null || o.plan === null ? null : s.plan + o.plan,
    }),
    { employers: 0, late: 0, amount: 0, charge: 0, receivable: 0, plan: 0 as number | null },
  );
  const byPlan = summary?.denominator === 'plan';
  const totalDenominator = byPlan ? totals.plan : totals.receivable;
  const percent = (r: number | null) => (r === null ? '—' : formatPercent(r));
  const sortOrder = (key: string) => (sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null);

  const lateColumns: ColumnsType<LateEmployer> = [
    { title: t('code'), dataIndex: 'code', key: 'code', sorter: true, sortOrder: sortOrder('code'), width: 110 },
    { title: t('name'), dataIndex: 'name', key: 'name', sorter: true, sortOrder: sortOrder('name') },
    {
      title: t('office'), dataIndex: 'officeName', key: 'office', ellipsis: { showTitle: false },
      render: (name: string) => <span title={name}>{shortOfficeName(name)}</span>,
    },
    { title: t('ownership'), key: 'ownership', render: (_, e) => labels.ownership(e.ownership), ellipsis: true },
    { title: t('status'), key: 'status', render: (_, e) => <StatusTag status={e.status} />, width: 130 },
    {
      title: t('lateAmount'), dataIndex: 'lateAmount', key: 'lateAmount', align: 'right', sorter: true,
      sortOrder: sortOrder('lateAmount'), render: formatVnd,
    },
    {
      title: t('overdueMonths'), dataIndex: 'overdueMonths', key: 'overdueMonths', align: 'right', sorter: true,
      sortOrder: sortOrder('overdueMonths'), width: 110,
      render: (n: number, e) => <Tag color={BAND_COLOR[e.band] ?? 'default'}>{n}</Tag>,
    },
    { title: t('oldestUnpaid'), dataIndex: 'oldestUnpaidPeriod', key: 'oldest', render: (p: string | null) => (p ? formatPeriod(p) : '—'), width: 90 },
    {
      title: t('charge'), dataIndex: 'charge', key: 'charge', align: 'right', sorter: true, sortOrder: sortOrder('charge'),
      render: formatVnd,
    },
  ];

  const onTableChange = (
    pagination: TablePaginationConfig,
    _f: unknown,
    sorter: SorterResult<LateEmployer> | SorterResult<LateEmployer>[],
  ) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = SORTS.find((k) => k === s?.columnKey);
    update(
      {
        page: pagination.current,
        pageSize: pagination.pageSize,
        sort: s?.order ? key : undefined,
        order: s?.order === 'ascend' ? 'asc' : undefined,
      },
      false,
    );
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('arrearsTitle')}
      </Typography.Title>
      {error !== null && <Alert type="error" showIcon title={errorText(error)} />}
      {late && (
        <Typography.Text type="secondary">
          {late.asOf ? t('liveAsOf', { date: formatDate(late.asOf) }) : t('positionsPending')}
        </Typography.Text>
      )}
      <Card
        size="small"
        title={t('byOffice')}
        extra={trail.length > 0 && <Button size="small" icon={<ArrowUpOutlined />} onClick={up}>{t('upOneLevel')}</Button>}
      >
        <Table<OfficeArrears>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={summary?.offices ?? []}
          loading={!summary}
          onRow={(o) => ({ onClick: () => drill(o), style: { cursor: o.kind === 'grassroots' ? 'default' : 'pointer' } })}
          columns={[
            {
              title: t('office'), dataIndex: 'name', key: 'name',
              render: (name: string) => <span title={name}>{shortOfficeName(name)}</span>,
            },
            { title: t('employersCount'), dataIndex: 'employers', align: 'right', render: formatCount },
            { title: t('lateEmployers'), dataIndex: 'lateEmployers', align: 'right', render: formatCount },
            { title: t('lateAmount'), dataIndex: 'lateAmount', align: 'right', render: formatVnd },
            { title: t('charge'), dataIndex: 'charge', align: 'right', render: formatVnd },
            { title: t('receivable'), dataIndex: 'receivable', align: 'right', render: formatVnd },
            { title: t('plan'), dataIndex: 'plan', align: 'right', render: (v: number | null) => (v === null ? '—' : formatVnd(v)) },
            {
              title: `${t('lateRatio')} (${t(byPlan ? 'ofPlan' : 'ofReceivable')})`, dataIndex: 'lateRatio', align: 'right',
              render: percent,
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}><strong>{t('total')}</strong></Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">{formatCount(totals.employers)}</Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">{formatCount(totals.late)}</Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right"><strong>{formatVnd(totals.amount)}</strong></Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">{formatVnd(totals.charge)}</Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">{formatVnd(totals.receivable)}</Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">{totals.plan === null ? '—' : formatVnd(totals.plan)}</Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">{percent(lateRatio(totals.amount, totalDenominator))}</Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Card>
      <Card size="small" title={t('lateEmployers')}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear placeholder={t('allBands')} value={band} style={{ width: 140 }}
            onChange={(v?: string) => update({ band: v })} options={BANDS.map((b) => ({ value: b, label: b }))}
          />
          <InputNumber<number>
            placeholder={t('minAmount')} value={minAmount} min={0} step={1_000_000} style={{ width: 180 }}
            formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : formatCount(Number(v)))}
            parser={(v) => Number((v ?? '').replace(/\./g, ''))}
            onChange={(v) => update({ minAmount: v ?? undefined })}
          />
          <InputNumber<number>
            placeholder={t('maxAmount')} value={maxAmount} min={0} step={1_000_000} style={{ width: 180 }}
            formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : formatCount(Number(v)))}
            parser={(v) => Number((v ?? '').replace(/\./g, ''))}
            onChange={(v) => update({ maxAmount: v ?? undefined })}
          />
          <Select
            allowClear placeholder={t('allOwnerships')} value={ownership} style={{ width: 260 }}
            onChange={(v?: string) => update({ ownership: v })}
            options={OWNERSHIPS.map((o) => ({ value: o, label: labels.ownership(o) }))}
          />
          <Select
            allowClear placeholder={t('allStatuses')} value={status} style={{ width: 180 }}
            onChange={(v?: string) => update({ status: v })}
            options={STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
          />
          {late && <Typography.Text strong>{t('totalLate')}: {formatVnd(late.totals.lateAmount)}</Typography.Text>}
        </Space>
        <Table<LateEmployer>
          rowKey="id"
          size="small"
          loading={loading}
          columns={lateColumns}
          dataSource={late?.items ?? []}
          onChange={onTableChange}
          onRow={(e) => ({ onClick: () => navigate(`/employers/${e.id}`), style: { cursor: 'pointer' } })}
          pagination={{
            current: page, pageSize, total: late?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200],
            showTotal: (n) => t('totalEmployers', { n: formatCount(n) }),
          }}
        />
      </Card>
    </Space>
  );
}
