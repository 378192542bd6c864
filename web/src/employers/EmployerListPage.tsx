import { Alert, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import type { SorterResult } from 'antd/es/table/interface';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { EMPLOYER_STATUSES as STATUSES } from '../../../src/domain/ledger';
import type { EmployerPage, EmployerSummary } from '../../../src/features/employers/schemas';
import type { Office } from '../../../src/features/offices/schemas';
import { formatCount, shortOfficeName } from '../format';
import { useErrorText, useT } from '../i18n';
import { OfficeTreeSelect } from '../offices';
import { useSearchBox, useUrlState } from '../url';
import { C12OfficeDownload } from './C12NoticeCard';
import { OWNERSHIPS, StatusTag, useLabels } from './labels';

const SORTS = ['code', 'name', 'taxCode', 'headcount', 'status', 'office'] as const;
const PAGE_SIZES = [20, 50, 100, 200];

export function EmployerListPage() {
  const t = useT();
  const errorText = useErrorText();
  const labels = useLabels();
  const navigate = useNavigate();
  const url = useUrlState();
  const q = url.text('q');
  const officeId = url.positiveInt('officeId');
  const status = url.oneOf('status', STATUSES);
  const ownership = url.oneOf('ownership', OWNERSHIPS);
  const page = url.positiveInt('page') ?? 1;
  const pageSize = PAGE_SIZES.find((s) => s === url.positiveInt('pageSize')) ?? PAGE_SIZES[0]!;
  const sort = url.oneOf('sort', SORTS) ?? 'code';
  const order = url.text('order') === 'desc' ? 'desc' : 'asc';

  const [search, setSearch] = useSearchBox(url);
  const [data, setData] = useState<EmployerPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [offices, setOffices] = useState<Office[]>([]);

  useEffect(() => {
    // Without the tree the list still works; the office filter just stays empty.
    api.offices().then((r) => setOffices(r.items), () => setOffices([]));
  }, []);

  useEffect(() => {
    let current = true;
    setLoading(true);
    api
      .employers({ q: q || undefined, officeId, status, ownership, page, pageSize, sort, order })
      .then(
        (r) => {
          if (!current) return;
          setData(r);
          setError(null);
        },
        (e) => current && setError(e),
      )
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [q, officeId, status, ownership, page, pageSize, sort, order]);

  const sortOrder = (key: (typeof SORTS)[number]) => (sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null);

  const columns: ColumnsType<EmployerSummary> = [
    { title: t('code'), dataIndex: 'code', key: 'code', sorter: true, sortOrder: sortOrder('code'), width: 100 },
    {
      title: t('taxCode'), dataIndex: 'taxCode', key: 'taxCode', sorter: true, sortOrder: sortOrder('taxCode'),
      width: 110,
    },
    { title: t('name'), dataIndex: 'name', key: 'name', sorter: true, sortOrder: sortOrder('name') },
    {
      title: t('office'), key: 'office', sorter: true, sortOrder: sortOrder('office'), width: 160,
      ellipsis: { showTitle: false },
      render: (_, e) => <span title={e.office.name}>{shortOfficeName(e.office.name)}</span>,
    },
    {
      title: t('ownership'), key: 'ownership', width: 160, ellipsis: { showTitle: false },
      render: (_, e) => {
        const label = labels.ownership(e.ownership);
        return <span title={label}>{label}</span>;
      },
    },
    {
      title: t('headcount'), dataIndex: 'headcount', key: 'headcount', align: 'right', sorter: true,
      sortOrder: sortOrder('headcount'), width: 95, render: (n: number) => formatCount(n),
    },
    {
      title: t('status'), key: 'status', sorter: true, sortOrder: sortOrder('status'), width: 125,
      render: (_, e) => <StatusTag status={e.status} />,
    },
    { title: t('paymentCycle'), key: 'cycle', width: 100, render: (_, e) => labels.cycle(e.paymentCycle) },
  ];

  const onTableChange = (
    pagination: TablePaginationConfig,
    _filters: unknown,
    sorter: SorterResult<EmployerSummary> | SorterResult<EmployerSummary>[],
  ) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    // A third click on a column clears its sort: back to the default, by code.
    const nextSort = s?.order ? SORTS.find((k) => k === s.columnKey) : undefined;
    const nextOrder = s?.order === 'descend' ? 'desc' : 'asc';
    const sortChanged = (nextSort ?? 'code') !== sort || nextOrder !== order;
    url.update(
      {
        // A new order starts from its first page.
        page: sortChanged || pagination.current === 1 ? undefined : pagination.current,
        pageSize: pagination.pageSize === PAGE_SIZES[0] ? undefined : pagination.pageSize,
        sort: nextSort,
        order: nextOrder === 'desc' ? 'desc' : undefined,
      },
      false,
    );
  };

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
      {error !== null && <Alert type="error" showIcon title={errorText(error)} />}
      <Table<EmployerSummary>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        onChange={onTableChange}
        // Below this width the table scrolls sideways rather than squeezing the names into a narrow column.
        scroll={{ x: 1060 }}
        onRow={(e) => ({ onClick: () => navigate(`/employers/${e.id}`), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (n) => t('totalEmployers', { n: formatCount(n) }),
        }}
      />
    </Space>
  );
}
