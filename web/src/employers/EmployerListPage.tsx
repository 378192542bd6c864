import { App, Input, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { EMPLOYER_STATUSES as STATUSES } from '../../../src/domain/ledger';
import type { EmployerSummary } from '../../../src/features/employers/schemas';
import type { Office } from '../../../src/features/offices/schemas';
import { formatCount, shortOfficeName } from '../format';
import { useT } from '../i18n';
import { useAuth } from '../auth/AuthContext';
import { actionKindsFor } from '../auth/roles';
import { vietnamToday } from '../campaigns/labels';
import { ListTable, useListQuery, useSelection, type ListColumn } from '../ListTable';
import { BulkUrgingModal, MAX_SELECTED, SelectionBar } from '../urging/BulkUrgingModal';
import { useLoad } from '../load';
import { OfficeTreeSelect } from '../offices';
import { useSearchBox, useUrlState } from '../url';
import { C12OfficeDownload } from './C12NoticeCard';
import { OWNERSHIPS, StatusTag, useLabels } from './labels';

const SORTS = ['code', 'name', 'taxCode', 'headcount', 'status', 'office'] as const;
const PAGE_SIZES = [20, 50, 100, 200];
const DEFAULT_SORT = { sort: 'code', order: 'asc' } as const;

export function EmployerListPage() {
  const t = useT();
  const labels = useLabels();
  const navigate = useNavigate();
  const url = useUrlState();
  const q = url.text('q');
  const officeId = url.positiveInt('officeId');
  const status = url.oneOf('status', STATUSES);
  const ownership = url.oneOf('ownership', OWNERSHIPS);
  const [query, setQuery] = useListQuery(url, { sorts: SORTS, defaultSort: DEFAULT_SORT, pageSizes: PAGE_SIZES });

  const [search, setSearch] = useSearchBox(url);
  const { page, pageSize, sort, order } = query;
  const load = useLoad(
    () => api.employers({ q: q || undefined, officeId, status, ownership, page, pageSize, sort, order }),
    [q, officeId, status, ownership, page, pageSize, sort, order],
    { keep: true },
  );
  const [offices, setOffices] = useState<Office[]>([]);
  const { message } = App.useApp();
  const { user } = useAuth();
  // The same ticking and letters to many as on the worklist, for whoever may send an urging letter.
  const urges = !!user && actionKindsFor(user).includes('urging_letter');
  const { selected, selection, clear } = useSelection(
    (e: EmployerSummary) => e.id,
    MAX_SELECTED,
    () => message.warning(t('selectionLimit', { max: MAX_SELECTED })),
  );
  const [urgingOpen, setUrgingOpen] = useState(false);

  useEffect(() => {
    // Without the tree the list still works; the office filter just stays empty.
    api.offices().then(
      (r) => setOffices(r.items),
      () => setOffices([]),
    );
  }, []);

  const columns: ListColumn<EmployerSummary, (typeof SORTS)[number]>[] = [
    { title: t('code'), dataIndex: 'code', sortKey: 'code', width: 100 },
    { title: t('taxCode'), dataIndex: 'taxCode', sortKey: 'taxCode', width: 110 },
    { title: t('name'), dataIndex: 'name', sortKey: 'name' },
    {
      title: t('office'),
      sortKey: 'office',
      width: 160,
      ellipsis: { showTitle: false },
      render: (_, e) => <span title={e.office.name}>{shortOfficeName(e.office.name)}</span>,
    },
    {
      title: t('ownership'),
      key: 'ownership',
      width: 160,
      ellipsis: { showTitle: false },
      render: (_, e) => {
        const label = labels.ownership(e.ownership);
        return <span title={label}>{label}</span>;
      },
    },
    {
      title: t('headcount'),
      dataIndex: 'headcount',
      sortKey: 'headcount',
      align: 'right',
      width: 95,
      render: (n: number) => formatCount(n),
    },
    {
      title: t('status'),
      sortKey: 'status',
      width: 125,
      render: (_, e) => <StatusTag status={e.status} />,
    },
    { title: t('paymentCycle'), key: 'cycle', width: 100, render: (_, e) => labels.cycle(e.paymentCycle) },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('employersTitle')}
      </Typography.Title>
      <Space wrap>
        <Input.Search
          data-testid="employer-search"
          allowClear
          maxLength={200}
          placeholder={t('searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => url.update({ q: v.trim() })}
          style={{ width: 340 }}
        />
        <OfficeTreeSelect
          allowClear
          placeholder={t('allOffices')}
          offices={offices}
          value={officeId}
          onChange={(v) => url.update({ officeId: v })}
        />
        <Select
          allowClear
          placeholder={t('allStatuses')}
          value={status}
          onChange={(v) => url.update({ status: v })}
          options={STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
          style={{ width: 160 }}
        />
        <Select
          allowClear
          placeholder={t('allOwnerships')}
          value={ownership}
          onChange={(v) => url.update({ ownership: v })}
          options={OWNERSHIPS.map((o) => ({ value: o, label: labels.ownership(o) }))}
          style={{ width: 240 }}
          popupMatchSelectWidth={false}
        />
      </Space>
      {officeId !== undefined && <C12OfficeDownload key={officeId} officeId={officeId} />}
      {urges && <SelectionBar count={selected.size} onUrge={() => setUrgingOpen(true)} onClear={() => clear()} />}
      <ListTable<EmployerSummary, (typeof SORTS)[number]>
        load={load}
        columns={columns}
        rowKey="id"
        query={query}
        defaultSort={DEFAULT_SORT}
        pageSizes={PAGE_SIZES}
        onQueryChange={setQuery}
        totalText={(n) => t('totalEmployers', { n: formatCount(n) })}
        onRowClick={(e) => navigate(`/employers/${e.id}`)}
        minWidth={1060}
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
