import { Space, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { EMPLOYER_SORTS as SORTS, type EmployerSort } from '../../../src/domain/list-sorts';
import type { EmployerListItem } from '../../../src/features/employers/schemas';
import { formatCount, formatVnd } from '../format';
import { useT } from '../i18n';
import { vietnamToday } from '../campaigns/labels';
import {
  EmployerListFilterBar,
  OWNERSHIP_STATUS_KEYS,
  OwnershipStatusSelects,
  useColumnTitle,
  useEmployerColumns,
  useEmployerListFilters,
  useOwnershipStatusFilters,
} from '../ListFilters';
import { ListTable, useListQuery, type ListColumn } from '../ListTable';
import { useBulkUrging } from '../urging/BulkUrgingModal';
import { useLoad } from '../load';
import { useUrlState } from '../url';
import { C12OfficeDownload } from './C12NoticeCard';
import { StatusTag, useLabels } from './labels';

const PAGE_SIZES = [50, 100, 200];
const DEFAULT_SORT = { sort: 'code', order: 'asc' } as const;

/** Đơn vị sử dụng lao động: every employer of the scope, searched, filtered, sorted and exported like a spreadsheet. */
export function EmployerListPage() {
  const t = useT();
  const title = useColumnTitle();
  const labels = useLabels();
  const navigate = useNavigate();
  const url = useUrlState();
  const filters = { ...useEmployerListFilters(url), ...useOwnershipStatusFilters(url) };
  const [query, setQuery] = useListQuery(url, {
    sorts: SORTS,
    defaultSort: DEFAULT_SORT,
    pageSizes: PAGE_SIZES,
  });
  const request = { ...filters, ...query };
  const load = useLoad(() => api.employers(request), [JSON.stringify(request)], { keep: true });
  // Letters to the employers ticked, as on the worklist; their step moves on, which the list then shows.
  const urging = useBulkUrging({
    employerOf: (e: EmployerListItem) => e,
    date: vietnamToday(),
    onRecorded: load.reload,
  });

  const shared = useEmployerColumns((e: EmployerListItem) => ({ ...e, officeName: e.office.name }));
  const columns: ListColumn<EmployerListItem, EmployerSort>[] = [
    shared.code,
    { title: title('taxCode'), dataIndex: 'taxCode', sortKey: 'taxCode', width: 112 },
    shared.name,
    shared.office,
    shared.ownership,
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
    shared.overdueMonths,
    shared.step,
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('employersTitle')}
      </Typography.Title>
      <EmployerListFilterBar
        url={url}
        filters={filters}
        ownKeys={OWNERSHIP_STATUS_KEYS}
        onExport={() => api.downloadEmployers({ ...filters, sort: query.sort, order: query.order })}
      >
        <OwnershipStatusSelects url={url} filters={filters} />
      </EmployerListFilterBar>
      {filters.officeId !== undefined && <C12OfficeDownload key={filters.officeId} officeId={filters.officeId} />}
      {urging.bar}
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
        selection={urging.selection}
      />
      {urging.modal}
    </Space>
  );
}
