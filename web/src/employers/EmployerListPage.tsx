import { App, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { EMPLOYER_STATUSES as STATUSES } from '../../../src/domain/ledger';
import { EMPLOYER_SORTS as SORTS, type EmployerSort } from '../../../src/domain/list-sorts';
import type { EmployerListItem } from '../../../src/features/employers/schemas';
import { BAND_COLOR } from '../arrears/ArrearsCard';
import { formatCount, formatVnd, shortOfficeName } from '../format';
import { useT } from '../i18n';
import type { Messages } from '../i18n/messages';
import { useAuth } from '../auth/AuthContext';
import { actionKindsFor } from '../auth/roles';
import { vietnamToday } from '../campaigns/labels';
import { EmployerListFilterBar, LINE, useColumnTitle, useEmployerListFilters } from '../ListFilters';
import { ListTable, useListQuery, useSelection, type ListColumn } from '../ListTable';
import { BulkUrgingModal, MAX_SELECTED, SelectionBar } from '../urging/BulkUrgingModal';
import { StepTag } from '../urging/labels';
import { useLoad } from '../load';
import { useUrlState } from '../url';
import { C12OfficeDownload } from './C12NoticeCard';
import { OWNERSHIPS, StatusTag, useLabels } from './labels';

const PAGE_SIZES = [50, 100, 200];
const DEFAULT_SORT = { sort: 'code', order: 'asc' } as const;

/** Đơn vị sử dụng lao động: every employer of the scope, searched, filtered, sorted and exported like a spreadsheet. */
export function EmployerListPage() {
  const t = useT();
  const title = useColumnTitle();
  const labels = useLabels();
  const navigate = useNavigate();
  const url = useUrlState();
  const filters = {
    ...useEmployerListFilters(url),
    status: url.oneOf('status', STATUSES),
    ownership: url.oneOf('ownership', OWNERSHIPS),
  };
  const [query, setQuery] = useListQuery(url, {
    sorts: SORTS,
    defaultSort: DEFAULT_SORT,
    pageSizes: PAGE_SIZES,
  });
  const request = { ...filters, ...query };
  const load = useLoad(() => api.employers(request), [JSON.stringify(request)], { keep: true });
  const { message } = App.useApp();
  const { user } = useAuth();
  // The same ticking and letters to many as on the worklist, for whoever may send an urging letter.
  const urges = !!user && actionKindsFor(user).includes('urging_letter');
  const { selected, selection, clear } = useSelection(
    (e: EmployerListItem) => e.id,
    MAX_SELECTED,
    () => message.warning(t('selectionLimit', { max: MAX_SELECTED })),
  );
  const [urgingOpen, setUrgingOpen] = useState(false);

  const columns: ListColumn<EmployerListItem, EmployerSort>[] = [
    { title: title('code'), dataIndex: 'code', sortKey: 'code', width: 104 },
    { title: title('taxCode'), dataIndex: 'taxCode', sortKey: 'taxCode', width: 112 },
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
      sortKey: 'office',
      width: 130,
      ellipsis: { showTitle: false },
      render: (_, e) => <span title={e.office.name}>{shortOfficeName(e.office.name)}</span>,
    },
    {
      title: title('ownership'),
      key: 'ownership',
      sortKey: 'ownership',
      width: 140,
      ellipsis: { showTitle: false },
      render: (_, e) => {
        const label = labels.ownership(e.ownership);
        return <span title={label}>{label}</span>;
      },
    },
    {
      title: title('headcount'),
      dataIndex: 'headcount',
      sortKey: 'headcount',
      align: 'right',
      width: 96,
      render: (n: number) => formatCount(n),
    },
    {
      title: title('status'),
      sortKey: 'status',
      width: 128,
      render: (_, e) => <StatusTag status={e.status} />,
    },
    {
      title: title('paymentCycle'),
      key: 'cycle',
      sortKey: 'paymentCycle',
      width: 104,
      ellipsis: true,
      render: (_, e) => labels.cycle(e.paymentCycle),
    },
    {
      title: title('lateAmount'),
      dataIndex: 'lateAmount',
      sortKey: 'lateAmount',
      align: 'right',
      width: 136,
      render: (n: number) => (n > 0 ? <strong style={{ whiteSpace: 'nowrap' }}>{formatVnd(n)}</strong> : '—'),
    },
    {
      title: t('overdueMonthsShort'),
      dataIndex: 'overdueMonths',
      sortKey: 'overdueMonths',
      align: 'right',
      width: 80,
      render: (n: number, e) =>
        n > 0 ? (
          <Tooltip title={t(`band_${e.band}` as keyof Messages)}>
            <Tag color={BAND_COLOR[e.band] ?? 'default'}>{n}</Tag>
          </Tooltip>
        ) : (
          '—'
        ),
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
        {t('employersTitle')}
      </Typography.Title>
      <EmployerListFilterBar
        url={url}
        filters={filters}
        ownKeys={['status', 'ownership']}
        onExport={() => api.downloadEmployers({ ...filters, sort: query.sort, order: query.order })}
      >
        <Select
          allowClear
          placeholder={t('allStatuses')}
          aria-label={title('status')}
          value={filters.status}
          onChange={(v) => url.update({ status: v })}
          options={STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
          style={{ width: 150 }}
        />
        <Select
          allowClear
          placeholder={t('allOwnerships')}
          aria-label={title('ownership')}
          value={filters.ownership}
          onChange={(v) => url.update({ ownership: v })}
          options={OWNERSHIPS.map((o) => ({ value: o, label: labels.ownership(o) }))}
          style={{ width: 200 }}
          popupMatchSelectWidth={false}
        />
      </EmployerListFilterBar>
      {filters.officeId !== undefined && <C12OfficeDownload key={filters.officeId} officeId={filters.officeId} />}
      {urges && <SelectionBar count={selected.size} onUrge={() => setUrgingOpen(true)} onClear={() => clear()} />}
      <ListTable<EmployerListItem, EmployerSort>
        load={load}
        columns={columns}
        rowKey="id"
        query={query}
        defaultSort={DEFAULT_SORT}
        pageSizes={PAGE_SIZES}
        onQueryChange={setQuery}
        totalText={(n) => t('totalEmployers', { n: formatCount(n) })}
        onRowClick={(e) => navigate(`/employers/${e.id}`)}
        // React's attribute types leave out data-* in an object; the row renders it all the same.
        rowProps={(e) => ({ 'data-testid': `employer-row-${e.code}` }) as HTMLAttributes<HTMLElement>}
        minWidth={1320}
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
    </Space>
  );
}
