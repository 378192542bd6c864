import { Alert, Input, Select, Space, Table, TreeSelect, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import type { SorterResult } from 'antd/es/table/interface';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import { OWNERSHIPS, STATUSES, type EmployerSummary, type Office, type Page } from '../api/types';
import { formatCount } from '../format';
import { useI18n } from '../i18n';
import { StatusTag, useLabels } from './labels';

const SORTABLE = ['code', 'name', 'taxCode', 'headcount', 'status', 'office'] as const;

interface TreeNode {
  value: number;
  title: string;
  children: TreeNode[];
}

function officeTree(offices: Office[]): TreeNode[] {
  const nodes = new Map(offices.map((o) => [o.id, { value: o.id, title: o.name, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const o of offices) {
    const parent = o.parentId === null ? undefined : nodes.get(o.parentId);
    (parent ? parent.children : roots).push(nodes.get(o.id)!);
  }
  return roots;
}

export function EmployerListPage() {
  const { t } = useI18n();
  const labels = useLabels();
  const navigate = useNavigate();
  // The filters live in the URL, so reload and the back button keep them.
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const officeId = params.get('officeId') ? Number(params.get('officeId')) : undefined;
  const status = params.get('status') ?? undefined;
  const ownership = params.get('ownership') ?? undefined;
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const sort = params.get('sort') ?? 'code';
  const order = params.get('order') === 'desc' ? 'desc' : 'asc';

  const [search, setSearch] = useState(q);
  const [data, setData] = useState<Page<EmployerSummary> | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [offices, setOffices] = useState<Office[]>([]);

  const update = (changes: Record<string, string | number | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };

  useEffect(() => {
    api.offices().then((r) => setOffices(r.items), () => setOffices([]));
  }, []);

  // Debounce typing; the request follows the URL.
  useEffect(() => {
    if (search === q) return;
    const timer = setTimeout(() => update({ q: search.trim() }), 300);
    return () => clearTimeout(timer);
  }, [search]);

  useEffect(() => {
    let current = true;
    setLoading(true);
    api
      .employers({ q: q || undefined, officeId, status, ownership, page, pageSize, sort, order })
      .then((r) => current && (setData(r), setError(null)))
      .catch((e) => current && setError(e instanceof ApiError ? e.message : t('errorGeneric')))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [q, officeId, status, ownership, page, pageSize, sort, order, t]);

  const tree = useMemo(() => officeTree(offices), [offices]);
  const sortOrder = (key: string) => (sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null);

  const columns: ColumnsType<EmployerSummary> = [
    { title: t('code'), dataIndex: 'code', key: 'code', sorter: true, sortOrder: sortOrder('code'), width: 120 },
    { title: t('taxCode'), dataIndex: 'taxCode', key: 'taxCode', sorter: true, sortOrder: sortOrder('taxCode'), width: 130 },
    { title: t('name'), dataIndex: 'name', key: 'name', sorter: true, sortOrder: sortOrder('name') },
    {
      title: t('office'), key: 'office', sorter: true, sortOrder: sortOrder('office'),
      render: (_, e) => e.office.name, ellipsis: true,
    },
    { title: t('ownership'), key: 'ownership', render: (_, e) => labels.ownership(e.ownership), ellipsis: true },
    {
      title: t('headcount'), dataIndex: 'headcount', key: 'headcount', align: 'right', sorter: true,
      sortOrder: sortOrder('headcount'), render: (n: number) => formatCount(n), width: 110,
    },
    {
      title: t('status'), key: 'status', sorter: true, sortOrder: sortOrder('status'), width: 140,
      render: (_, e) => <StatusTag status={e.status} />,
    },
    { title: t('paymentCycle'), key: 'cycle', render: (_, e) => labels.cycle(e.paymentCycle), width: 120 },
  ];

  const onTableChange = (
    pagination: TablePaginationConfig,
    _filters: unknown,
    sorter: SorterResult<EmployerSummary> | SorterResult<EmployerSummary>[],
  ) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = SORTABLE.find((k) => k === s?.columnKey);
    const sortChanged = (key ?? 'code') !== sort || (s?.order === 'descend' ? 'desc' : 'asc') !== order;
    update(
      {
        page: sortChanged ? undefined : pagination.current,
        pageSize: pagination.pageSize,
        sort: s?.order ? key : undefined,
        order: s?.order === 'descend' ? 'desc' : undefined,
      },
      false,
    );
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('employersTitle')}
      </Typography.Title>
      <Space wrap>
        <Input.Search
          data-testid="employer-search"
          allowClear
          placeholder={t('searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => update({ q: v.trim() })}
          style={{ width: 420 }}
        />
        <TreeSelect
          allowClear
          showSearch
          treeNodeFilterProp="title"
          placeholder={t('allOffices')}
          value={officeId}
          treeData={tree}
          treeDefaultExpandAll={tree.length === 1}
          onChange={(v?: number) => update({ officeId: v })}
          style={{ width: 300 }}
        />
        <Select
          allowClear
          placeholder={t('allStatuses')}
          value={status}
          onChange={(v?: string) => update({ status: v })}
          options={STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
          style={{ width: 180 }}
        />
        <Select
          allowClear
          placeholder={t('allOwnerships')}
          value={ownership}
          onChange={(v?: string) => update({ ownership: v })}
          options={OWNERSHIPS.map((o) => ({ value: o, label: labels.ownership(o) }))}
          style={{ width: 260 }}
        />
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      <Table<EmployerSummary>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        onChange={onTableChange}
        onRow={(e) => ({ onClick: () => navigate(`/employers/${e.id}`), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (n) => t('totalEmployers', { n: formatCount(n) }),
        }}
      />
    </Space>
  );
}
