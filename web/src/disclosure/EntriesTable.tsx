import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { DisclosureKind, ListEntry, ListStatus } from '../../../src/features/disclosure/schemas';
import { formatCount, formatVnd } from '../format';
import { useT } from '../i18n';

const KIND_COLOR: Record<DisclosureKind, string> = {
  late: 'orange',
  evasion: 'red',
  commendation: 'green',
  inspection_plan: 'purple',
};
const STATUS_COLOR: Record<ListStatus, string> = {
  draft: 'gold',
  approved: 'green',
  superseded: 'default',
  withdrawn: 'default',
};

/** Chậm đóng / Trốn đóng / Chấp hành tốt / Kế hoạch thanh tra. */
export function ListKindTag({ kind }: { kind: DisclosureKind }) {
  const t = useT();
  return <Tag color={KIND_COLOR[kind]}>{t(`listKind_${kind}`)}</Tag>;
}

export function ListStatusTag({ status }: { status: ListStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLOR[status]}>{t(`listStatus_${status}`)}</Tag>;
}

/**
 * The employers of a list, as the public sees them and the approver reviews them: a good payers' list has no months
 * or amounts; an employer that has paid since the previous list stays once, marked "Đã nộp".
 */
export function EntriesTable({
  kind,
  entries,
  total,
  page,
  pageSize,
  loading,
  onPage,
}: {
  kind: DisclosureKind;
  entries: ListEntry[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  /** Paging; without it the table shows every entry given (for printing). */
  onPage?(page: number, pageSize: number): void;
}) {
  const t = useT();
  const paid = (e: ListEntry) => e.status === 'paid';
  const columns: ColumnsType<ListEntry> = [
    {
      title: t('colCode'),
      key: 'n',
      width: 64,
      align: 'right',
      render: (_, _e, i) => formatCount((page - 1) * pageSize + i + 1),
    },
    { title: t('name'), dataIndex: 'name', key: 'name', minWidth: 220 },
    { title: t('taxCode'), dataIndex: 'taxCode', key: 'taxCode', width: 130 },
    { title: t('address'), dataIndex: 'address', key: 'address', minWidth: 200 },
    ...(kind === 'commendation'
      ? []
      : [
          {
            title: t('overdueMonths'),
            key: 'monthsLate',
            width: 110,
            align: 'right' as const,
            render: (_: unknown, e: ListEntry) => (paid(e) ? '—' : e.monthsLate),
          },
          {
            title: t('amount'),
            key: 'amount',
            width: 150,
            align: 'right' as const,
            render: (_: unknown, e: ListEntry) => (paid(e) ? '—' : formatVnd(e.amount)),
          },
          {
            title: t('note'),
            key: 'status',
            width: 100,
            render: (_: unknown, e: ListEntry) => paid(e) && <Tag color="green">{t('entryPaid')}</Tag>,
          },
        ]),
  ];
  return (
    <Table<ListEntry>
      // Entries carry no id, and one tax code can be registered under two employer codes.
      rowKey={(e) => `${e.taxCode}|${e.name}|${e.address}`}
      size="small"
      bordered
      loading={loading}
      columns={columns}
      dataSource={entries}
      scroll={{ x: 900 }}
      pagination={
        onPage
          ? {
              current: page,
              pageSize,
              total,
              showSizeChanger: true,
              pageSizeOptions: [50, 100, 200],
              showTotal: (n) => t('totalEmployers', { n: formatCount(n) }),
              onChange: onPage,
            }
          : false
      }
    />
  );
}
