import { Alert, Button, Card, Space, Table, theme, Typography } from 'antd';
import { ArrowUpOutlined } from '@ant-design/icons';
import { useState, type HTMLAttributes } from 'react';
import { useNavigate } from 'react-router-dom';
import { LADDER_STEPS } from '../../../src/domain/ladder';
import { api } from '../api/client';
import { LATE_SORTS as SORTS } from '../../../src/domain/list-sorts';
import type { LateEmployer, OfficeArrears } from '../../../src/features/arrears/schemas';
import { formatCount, formatPeriod, formatShare, formatVnd, shortOfficeName } from '../format';
import { FiguresBasisNote } from '../layout/FiguresBasisNote';
import { useErrorText, useT } from '../i18n';
import { vietnamToday } from '../campaigns/labels';
import { ListTable, SummaryCards, useListQuery, type ListColumn } from '../ListTable';
import {
  BANDS,
  EmployerListFilterBar,
  OWNERSHIP_STATUS_KEYS,
  OwnershipStatusSelects,
  useColumnTitle,
  useEmployerColumns,
  useEmployerListFilters,
  useOwnershipStatusFilters,
} from '../ListFilters';
import { useUrlState } from '../url';
import { useBulkUrging } from '../urging/BulkUrgingModal';
import { useLoad } from '../load';
import { StatusTag } from '../employers/labels';
import { BAND_COLOR } from './ArrearsCard';
import { shareOf, type Share } from '../../../src/domain/share';

type Sort = (typeof SORTS)[number];
const DEFAULT_SORT = { sort: 'lateAmount', order: 'desc' } as const;
const PAGE_SIZES = [50, 100, 200];
/** A late employer is on a step past 'current'. */
const LATE_STEPS = LADDER_STEPS.filter((s) => s !== 'current');

/** Chậm đóng: the figures by office (click to go down a level) and the late employers below it. */
export function ArrearsPage() {
  const t = useT();
  const title = useColumnTitle();
  const errorText = useErrorText();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const url = useUrlState();
  const filters = { ...useEmployerListFilters(url), ...useOwnershipStatusFilters(url) };
  const { officeId } = filters;
  const [query, setQuery] = useListQuery(url, { sorts: SORTS, defaultSort: DEFAULT_SORT, pageSizes: PAGE_SIZES });
  const request = { ...filters, ...query };

  const summaryLoad = useLoad(() => api.summary(officeId), [officeId], { keep: true });
  const summary = summaryLoad.data;
  const lateLoad = useLoad(() => api.late(request), [JSON.stringify(request)], { keep: true });
  const late = lateLoad.data;
  // Letters to the employers ticked, as on the worklist; their step moves on, which the list then shows.
  const urging = useBulkUrging({
    employerOf: (e: LateEmployer) => e,
    date: vietnamToday(),
    onRecorded: lateLoad.reload,
  });
  // The offices above the one shown, for "up one level".
  const [trail, setTrail] = useState<(number | undefined)[]>([]);

  const { update } = url;

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
  const shared = useEmployerColumns((e: LateEmployer) => e);
  const lateColumns: ListColumn<LateEmployer, Sort>[] = [
    shared.code,
    shared.name,
    shared.office,
    shared.ownership,
    { title: title('status'), sortKey: 'status', width: 128, render: (_, e) => <StatusTag status={e.status} /> },
    {
      title: title('lateAmount'),
      dataIndex: 'lateAmount',
      sortKey: 'lateAmount',
      align: 'right',
      width: 136,
      render: (n: number) => <strong style={{ whiteSpace: 'nowrap' }}>{formatVnd(n)}</strong>,
    },
    shared.overdueMonths,
    {
      title: title('oldestUnpaid'),
      dataIndex: 'oldestUnpaidPeriod',
      sortKey: 'oldestUnpaid',
      width: 84,
      render: (p: string | null) => (p ? formatPeriod(p) : '—'),
    },
    {
      title: title('charge'),
      dataIndex: 'charge',
      sortKey: 'charge',
      align: 'right',
      width: 124,
      render: (n: number) => <span style={{ whiteSpace: 'nowrap' }}>{formatVnd(n)}</span>,
    },
    shared.step,
  ];
  // Every band has its card, a band with none late under the other filters too: it can still be clicked to.
  const bandCards = BANDS.map((band) => {
    const total = late?.bands.find((b) => b.band === band);
    return {
      key: band,
      title: t(`band_${band}`),
      value: late ? formatCount(total?.employers ?? 0) : '—',
      detail: late ? formatVnd(total?.lateAmount ?? 0) : undefined,
      color: token[`${BAND_COLOR[band] ?? 'blue'}7` as keyof typeof token] as string,
    };
  });

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
        <Space orientation="vertical" size="small" style={{ width: '100%', marginBottom: 12 }}>
          <SummaryCards
            cards={bandCards}
            active={filters.band}
            onSelect={(band) => update({ band })}
            help={t('tierCardHelp')}
          />
          <EmployerListFilterBar
            url={url}
            filters={filters}
            ownKeys={OWNERSHIP_STATUS_KEYS}
            steps={LATE_STEPS}
            noOffice
            onExport={() => api.downloadLate({ ...filters, sort: query.sort, order: query.order })}
          >
            <OwnershipStatusSelects url={url} filters={filters} />
          </EmployerListFilterBar>
          {late && (
            <Typography.Text strong>
              {t('totalLate')}: {formatVnd(late.totals.lateAmount)}
            </Typography.Text>
          )}
        </Space>
        {urging.bar}
        <ListTable<LateEmployer, Sort>
          load={lateLoad}
          columns={lateColumns}
          rowKey="id"
          query={query}
          defaultSort={DEFAULT_SORT}
          pageSizes={PAGE_SIZES}
          onQueryChange={setQuery}
          totalText={(n) => t('totalEmployers', { n: formatCount(n) })}
          onRowClick={(e) => navigate(`/employers/${e.id}`)}
          // React's attribute types leave out data-* in an object; the row renders it all the same.
          rowProps={(e) => ({ 'data-testid': `late-row-${e.code}` }) as HTMLAttributes<HTMLElement>}
          minWidth={1260}
          selection={urging.selection}
        />
        {urging.modal}
      </Card>
    </Space>
  );
}
