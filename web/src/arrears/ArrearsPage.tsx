import { Alert, App, Button, Card, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { ArrowUpOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { EMPLOYER_STATUSES as STATUSES } from '../../../src/domain/ledger';
import type { LateEmployer, LateSort, OfficeArrears } from '../../../src/features/arrears/schemas';
import { formatCount, formatPeriod, formatShare, formatVnd, shortOfficeName } from '../format';
import { FiguresBasisNote } from '../layout/FiguresBasisNote';
import { useErrorText, useT } from '../i18n';
import { useAuth } from '../auth/AuthContext';
import { actionKindsFor } from '../auth/roles';
import { vietnamToday } from '../campaigns/labels';
import { ListTable, useSelection, type ListColumn, type ListQuery } from '../ListTable';
import { BulkUrgingModal, MAX_SELECTED, SelectionBar } from '../urging/BulkUrgingModal';
import { useLoad } from '../load';
import { OWNERSHIPS, StatusTag, useLabels } from '../employers/labels';
import { BAND_COLOR } from './ArrearsCard';
import { shareOf, type Share } from '../../../src/domain/share';

const BANDS = ['1-2', '3-5', '6-11', '12+'];
const SORTS = ['lateAmount', 'overdueMonths', 'charge', 'code', 'name'] as const satisfies readonly LateSort[];
type Sort = (typeof SORTS)[number];
const DEFAULT_SORT = { sort: 'lateAmount', order: 'desc' } as const;
const PAGE_SIZES = [20, 50, 100, 200];

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
  const oneOf = <T extends string>(key: string, allowed: readonly T[]): T | undefined =>
    allowed.find((v) => v === params.get(key));
  const ownership = oneOf('ownership', OWNERSHIPS);
  const status = oneOf('status', STATUSES);
  const query: ListQuery<Sort> = {
    page: num('page') ?? 1,
    pageSize: PAGE_SIZES.find((s) => s === num('pageSize')) ?? PAGE_SIZES[0]!,
    sort: SORTS.find((s) => s === params.get('sort')) ?? DEFAULT_SORT.sort,
    order: params.get('order') === 'asc' ? 'asc' : DEFAULT_SORT.order,
  };
  const { page, pageSize, sort, order } = query;

  const summaryLoad = useLoad(() => api.summary(officeId), [officeId], { keep: true });
  const summary = summaryLoad.data;
  const lateLoad = useLoad(
    () => api.late({ officeId, band, minAmount, maxAmount, ownership, status, page, pageSize, sort, order }),
    [officeId, band, minAmount, maxAmount, ownership, status, page, pageSize, sort, order],
    { keep: true },
  );
  const late = lateLoad.data;
  const { message } = App.useApp();
  const { user } = useAuth();
  // The same ticking and letters to many as on the worklist, for whoever may send an urging letter.
  const urges = !!user && actionKindsFor(user).includes('urging_letter');
  const { selected, selection, clear } = useSelection(
    (e: LateEmployer) => e.id,
    MAX_SELECTED,
    () => message.warning(t('selectionLimit', { max: MAX_SELECTED })),
  );
  const [urgingOpen, setUrgingOpen] = useState(false);
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
      employers: s.employers + o.employers,
      late: s.late + o.lateEmployers,
      amount: s.amount + o.lateAmount,
      charge: s.charge + o.charge,
      receivable: s.receivable + o.receivable,
      // The sum of the plans only when every row has one: a partial sum would understate the denominator.
      plan: s.plan === null || o.plan === null ? null : s.plan + o.plan,
    }),
    { employers: 0, late: 0, amount: 0, charge: 0, receivable: 0, plan: 0 as number | null },
  );
  const byPlan = summary?.denominator === 'plan';
  const totalDenominator = byPlan ? totals.plan : totals.receivable;
  const percent = (r: Share | null) => (r === null ? '—' : formatShare(r));
  const lateColumns: ListColumn<LateEmployer, Sort>[] = [
    { title: t('code'), dataIndex: 'code', sortKey: 'code', width: 110 },
    { title: t('name'), dataIndex: 'name', sortKey: 'name' },
    {
      title: t('office'),
      dataIndex: 'officeName',
      key: 'office',
      ellipsis: { showTitle: false },
      render: (name: string) => <span title={name}>{shortOfficeName(name)}</span>,
    },
    { title: t('ownership'), key: 'ownership', render: (_, e) => labels.ownership(e.ownership), ellipsis: true },
    { title: t('status'), key: 'status', render: (_, e) => <StatusTag status={e.status} />, width: 130 },
    {
      title: t('lateAmount'),
      dataIndex: 'lateAmount',
      sortKey: 'lateAmount',
      align: 'right',
      render: formatVnd,
    },
    {
      title: t('overdueMonths'),
      dataIndex: 'overdueMonths',
      sortKey: 'overdueMonths',
      align: 'right',
      width: 110,
      render: (n: number, e) => <Tag color={BAND_COLOR[e.band] ?? 'default'}>{n}</Tag>,
    },
    {
      title: t('oldestUnpaid'),
      dataIndex: 'oldestUnpaidPeriod',
      key: 'oldest',
      render: (p: string | null) => (p ? formatPeriod(p) : '—'),
      width: 90,
    },
    {
      title: t('charge'),
      dataIndex: 'charge',
      sortKey: 'charge',
      align: 'right',
      render: formatVnd,
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('arrearsTitle')}
      </Typography.Title>
      {summaryLoad.error !== null && <Alert type="error" showIcon title={errorText(summaryLoad.error)} />}
      {late &&
        (late.basis ? (
          <div>
            <FiguresBasisNote basis={late.basis} />
          </div>
        ) : (
          <Typography.Text type="secondary">{t('positionsPending')}</Typography.Text>
        ))}
      <Card
        size="small"
        title={
          <Space>
            {t('byOffice')}
            <FiguresBasisNote basis={summary?.basis} />
          </Space>
        }
        extra={
          trail.length > 0 && (
            <Button size="small" icon={<ArrowUpOutlined />} onClick={up}>
              {t('upOneLevel')}
            </Button>
          )
        }
      >
        <Table<OfficeArrears>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={summary?.offices ?? []}
          loading={!summary}
          onRow={(o) => ({
            onClick: () => drill(o),
            style: { cursor: o.kind === 'grassroots' ? 'default' : 'pointer' },
          })}
          columns={[
            {
              title: t('office'),
              dataIndex: 'name',
              key: 'name',
              render: (name: string) => <span title={name}>{shortOfficeName(name)}</span>,
            },
            { title: t('employersCount'), dataIndex: 'employers', align: 'right', render: formatCount },
            { title: t('lateEmployers'), dataIndex: 'lateEmployers', align: 'right', render: formatCount },
            { title: t('lateAmount'), dataIndex: 'lateAmount', align: 'right', render: formatVnd },
            { title: t('charge'), dataIndex: 'charge', align: 'right', render: formatVnd },
            { title: t('receivable'), dataIndex: 'receivable', align: 'right', render: formatVnd },
            {
              title: t('plan'),
              dataIndex: 'plan',
              align: 'right',
              render: (v: number | null) => (v === null ? '—' : formatVnd(v)),
            },
            {
              title: `${t('lateRatio')} (${t(byPlan ? 'ofPlan' : 'ofReceivable')})`,
              dataIndex: 'lateRatio',
              align: 'right',
              render: percent,
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>{t('total')}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {formatCount(totals.employers)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {formatCount(totals.late)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <strong>{formatVnd(totals.amount)}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {formatVnd(totals.charge)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {formatVnd(totals.receivable)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                {totals.plan === null ? '—' : formatVnd(totals.plan)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">
                {percent(shareOf(totals.amount, totalDenominator))}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Card>
      <Card size="small" title={t('lateEmployers')}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder={t('allBands')}
            value={band}
            style={{ width: 140 }}
            onChange={(v?: string) => update({ band: v })}
            options={BANDS.map((b) => ({ value: b, label: b }))}
          />
          <InputNumber<number>
            placeholder={t('minAmount')}
            value={minAmount}
            min={0}
            step={1_000_000}
            style={{ width: 180 }}
            formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : formatCount(Number(v)))}
            parser={(v) => Number((v ?? '').replace(/\./g, ''))}
            onChange={(v) => update({ minAmount: v ?? undefined })}
          />
          <InputNumber<number>
            placeholder={t('maxAmount')}
            value={maxAmount}
            min={0}
            step={1_000_000}
            style={{ width: 180 }}
            formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : formatCount(Number(v)))}
            parser={(v) => Number((v ?? '').replace(/\./g, ''))}
            onChange={(v) => update({ maxAmount: v ?? undefined })}
          />
          <Select
            allowClear
            placeholder={t('allOwnerships')}
            value={ownership}
            style={{ width: 260 }}
            onChange={(v?: string) => update({ ownership: v })}
            options={OWNERSHIPS.map((o) => ({ value: o, label: labels.ownership(o) }))}
          />
          <Select
            allowClear
            placeholder={t('allStatuses')}
            value={status}
            style={{ width: 180 }}
            onChange={(v?: string) => update({ status: v })}
            options={STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
          />
          {late && (
            <Typography.Text strong>
              {t('totalLate')}: {formatVnd(late.totals.lateAmount)}
            </Typography.Text>
          )}
        </Space>
        {urges && <SelectionBar count={selected.size} onUrge={() => setUrgingOpen(true)} onClear={() => clear()} />}
        <ListTable<LateEmployer, Sort>
          load={lateLoad}
          columns={lateColumns}
          rowKey="id"
          query={query}
          defaultSort={DEFAULT_SORT}
          pageSizes={PAGE_SIZES}
          onQueryChange={(next) =>
            update(
              {
                page: next.page === 1 ? undefined : next.page,
                pageSize: next.pageSize === PAGE_SIZES[0] ? undefined : next.pageSize,
                sort: next.sort === DEFAULT_SORT.sort ? undefined : next.sort,
                order: next.order === DEFAULT_SORT.order ? undefined : next.order,
              },
              false,
            )
          }
          totalText={(n) => t('totalEmployers', { n: formatCount(n) })}
          onRowClick={(e) => navigate(`/employers/${e.id}`)}
          selection={urges ? selection : undefined}
        />
        {urgingOpen && (
          <BulkUrgingModal
            employers={[...selected.values()]}
            date={vietnamToday()}
            onClose={() => setUrgingOpen(false)}
            onRecorded={(ids) => clear(ids)}
          />
        )}
      </Card>
    </Space>
  );
}
