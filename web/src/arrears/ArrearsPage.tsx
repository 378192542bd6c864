import { Alert, App, Button, Card, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowUpOutlined } from '@ant-design/icons';
import { useState, type HTMLAttributes } from 'react';
import { useNavigate } from 'react-router-dom';
import { LADDER_STEPS } from '../../../src/domain/ladder';
import { api } from '../api/client';
import { EMPLOYER_STATUSES as STATUSES } from '../../../src/domain/ledger';
import { LATE_SORTS as SORTS } from '../../../src/domain/list-sorts';
import type { LateEmployer, OfficeArrears } from '../../../src/features/arrears/schemas';
import { formatCount, formatPeriod, formatShare, formatVnd, shortOfficeName } from '../format';
import { FiguresBasisNote } from '../layout/FiguresBasisNote';
import { useErrorText, useT } from '../i18n';
import { useAuth } from '../auth/AuthContext';
import { actionKindsFor } from '../auth/roles';
import { vietnamToday } from '../campaigns/labels';
import { ListTable, useListQuery, useSelection, type ListColumn } from '../ListTable';
import { EmployerListFilterBar, LINE, useColumnTitle, useEmployerListFilters } from '../ListFilters';
import type { Messages } from '../i18n/messages';
import { StepTag } from '../urging/labels';
import { useUrlState } from '../url';
import { BulkUrgingModal, MAX_SELECTED, SelectionBar } from '../urging/BulkUrgingModal';
import { useLoad } from '../load';
import { OWNERSHIPS, StatusTag, useLabels } from '../employers/labels';
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
  const labels = useLabels();
  const navigate = useNavigate();
  const url = useUrlState();
  const filters = {
    ...useEmployerListFilters(url),
    ownership: url.oneOf('ownership', OWNERSHIPS),
    status: url.oneOf('status', STATUSES),
  };
  const { officeId } = filters;
  const [query, setQuery] = useListQuery(url, { sorts: SORTS, defaultSort: DEFAULT_SORT, pageSizes: PAGE_SIZES });
  const request = { ...filters, ...query };

  const summaryLoad = useLoad(() => api.summary(officeId), [officeId], { keep: true });
  const summary = summaryLoad.data;
  const lateLoad = useLoad(() => api.late(request), [JSON.stringify(request)], { keep: true });
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
  const lateColumns: ListColumn<LateEmployer, Sort>[] = [
    { title: title('code'), dataIndex: 'code', sortKey: 'code', width: 104 },
    {
      title: title('name'),
      dataIndex: 'name',
      sortKey: 'name',
      ellipsis: { showTitle: false },
      render: (name: string) => (
        <span style={LINE} title={name}>
          {name}
        </span>
      ),
    },
    {
      title: title('office'),
      dataIndex: 'officeName',
      sortKey: 'office',
      width: 130,
      ellipsis: { showTitle: false },
      render: (name: string) => <span title={name}>{shortOfficeName(name)}</span>,
    },
    {
      title: title('ownership'),
      key: 'ownership',
      sortKey: 'ownership',
      width: 140,
      ellipsis: { showTitle: false },
      render: (_, e) => <span title={labels.ownership(e.ownership)}>{labels.ownership(e.ownership)}</span>,
    },
    { title: title('status'), sortKey: 'status', width: 128, render: (_, e) => <StatusTag status={e.status} /> },
    {
      title: title('lateAmount'),
      dataIndex: 'lateAmount',
      sortKey: 'lateAmount',
      align: 'right',
      width: 136,
      render: (n: number) => <strong style={{ whiteSpace: 'nowrap' }}>{formatVnd(n)}</strong>,
    },
    {
      title: t('overdueMonthsShort'),
      dataIndex: 'overdueMonths',
      sortKey: 'overdueMonths',
      align: 'right',
      width: 80,
      render: (n: number, e) => (
        <Tooltip title={t(`band_${e.band}` as keyof Messages)}>
          <Tag color={BAND_COLOR[e.band] ?? 'default'}>{n}</Tag>
        </Tooltip>
      ),
    },
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
    {
      title: title('step'),
      key: 'step',
      sortKey: 'step',
      width: 150,
      render: (_, e) => (
        <span style={LINE}>
          <StepTag step={e.step} />
        </span>
      ),
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
        <Space orientation="vertical" size="small" style={{ width: '100%', marginBottom: 12 }}>
          <EmployerListFilterBar
            url={url}
            filters={filters}
            ownKeys={['ownership', 'status']}
            steps={LATE_STEPS}
            noOffice
            onExport={() => api.downloadLate({ ...filters, sort: query.sort, order: query.order })}
          >
            <Select
              allowClear
              placeholder={t('allOwnerships')}
              aria-label={title('ownership')}
              value={filters.ownership}
              style={{ width: 200 }}
              popupMatchSelectWidth={false}
              onChange={(v?: string) => update({ ownership: v })}
              options={OWNERSHIPS.map((o) => ({ value: o, label: labels.ownership(o) }))}
            />
            <Select
              allowClear
              placeholder={t('allStatuses')}
              aria-label={title('status')}
              value={filters.status}
              style={{ width: 150 }}
              onChange={(v?: string) => update({ status: v })}
              options={STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
            />
          </EmployerListFilterBar>
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
          onQueryChange={setQuery}
          totalText={(n) => t('totalEmployers', { n: formatCount(n) })}
          onRowClick={(e) => navigate(`/employers/${e.id}`)}
          // React's attribute types leave out data-* in an object; the row renders it all the same.
          rowProps={(e) => ({ 'data-testid': `late-row-${e.code}` }) as HTMLAttributes<HTMLElement>}
          minWidth={1260}
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
