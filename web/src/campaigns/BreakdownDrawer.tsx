import { Alert, App, Button, Drawer, Input, Space, Spin, Tooltip, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { LadderStep } from '../../../src/domain/ladder';
import { indicatorKind } from '../../../src/domain/report-figures';
import type { ListColumnKey } from '../../../src/domain/list-labels';
import { api, type ReportRef } from '../api/client';
import type { Breakdown, FigureRow } from '../../../src/features/campaigns/schemas';
import type { ColumnKind } from '../../../src/features/exports/schemas';
import { formatCount, formatDate, formatVnd } from '../format';
import { useErrorText, useI18n } from '../i18n';
import { LINE, StepBandSelects, useColumnTitle, type StepBand } from '../ListFilters';
import { AmountRange, ListTable, type ListColumn, type ListQuery } from '../ListTable';
import { useLoad } from '../load';
import { foldForSearch } from '../text';
import { StepTag } from '../urging/labels';

type LateRow = Breakdown['employers'][number];
type ActionRow = Breakdown['actions'][number];
type PaymentRow = Breakdown['payments'][number];
type Row = { employerId: number; code: string; name: string; band: string; step: LadderStep };

const PAGE_SIZES = [50, 100, 200];

/**
 * A column of a drill-down: its head from the shared label table, how the server's workbook stores it, its value for
 * sorting and the export, and how the table shows it.
 */
interface DrillColumn<T> {
  key: ListColumnKey;
  kind: ColumnKind;
  value: (row: T) => string | number | null;
  width?: number;
  align?: 'right';
  render?: (row: T) => ReactNode;
}

const byValue = (a: string | number | null, b: string | number | null) =>
  a === b
    ? 0
    : a === null
      ? 1
      : b === null
        ? -1
        : typeof a === 'number' && typeof b === 'number'
          ? a - b
          : String(a).localeCompare(String(b), 'vi');

/**
 * One list behind a figure, worked through like the other lists: searched without diacritics, narrowed by amount,
 * sorted by any column and exported as filtered. It is drawn whole from the server, so it is filtered here.
 */
function DrillList<T extends Row>(props: {
  rows: T[];
  columns: DrillColumn<T>[];
  rowKey: (row: T) => string | number;
  /** The amount the range filters by, for a list of money. */
  amount?: (row: T) => number;
  defaultSort: { sort: ListColumnKey; order: 'asc' | 'desc' };
  fileName: string;
  title: string;
  totalLabel?: string;
  /** Under the pager, of the rows kept: "n employers" unless said otherwise. */
  countText?: (rows: T[]) => string;
}) {
  const { t } = useI18n();
  const title = useColumnTitle();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [range, setRange] = useState<{ min?: number | undefined; max?: number | undefined }>({});
  const [ladder, setLadder] = useState<StepBand>({});
  const [query, setQuery] = useState<ListQuery<ListColumnKey>>({
    page: 1,
    pageSize: PAGE_SIZES[0]!,
    ...props.defaultSort,
  });
  const [exporting, setExporting] = useState(false);

  const words = foldForSearch(search).split(' ').filter(Boolean);
  const { amount } = props;
  const kept = props.rows.filter((r) => {
    const haystack = foldForSearch(`${r.code} ${r.name}`);
    if (!words.every((w) => haystack.includes(w))) return false;
    if (ladder.band !== undefined && r.band !== ladder.band) return false;
    if (ladder.step !== undefined && r.step !== ladder.step) return false;
    if (amount && range.min !== undefined && amount(r) < range.min) return false;
    if (amount && range.max !== undefined && amount(r) > range.max) return false;
    return true;
  });
  const column = props.columns.find((c) => c.key === query.sort);
  const sign = query.order === 'desc' ? -1 : 1;
  const sorted = column ? [...kept].sort((a, b) => sign * byValue(column.value(a), column.value(b))) : kept;
  const start = (query.page - 1) * query.pageSize;
  const load = {
    data: { items: sorted.slice(start, start + query.pageSize), total: sorted.length },
    error: null,
    loading: false,
  };

  const columns: ListColumn<T, ListColumnKey>[] = props.columns.map((c) => ({
    title: title(c.key),
    key: c.key,
    sortKey: c.key,
    width: c.width,
    align: c.align,
    ellipsis: c.width === undefined ? { showTitle: false } : undefined,
    render: (_: unknown, row: T) => c.render?.(row) ?? c.value(row) ?? '—',
  }));

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await api.exportXlsx({
        fileName: props.fileName,
        title: props.title,
        columns: props.columns.map((c) => ({ title: title(c.key), kind: c.kind })),
        rows: sorted.map((r) => props.columns.map((c) => c.value(r))),
      });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <Input.Search
          data-testid="drill-search"
          allowClear
          maxLength={200}
          placeholder={t('searchPlaceholder')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setQuery((q) => ({ ...q, page: 1 }));
          }}
          style={{ width: 280 }}
        />
        <StepBandSelects
          {...ladder}
          onChange={(change) => {
            setLadder((l) => ({ ...l, ...change }));
            setQuery((q) => ({ ...q, page: 1 }));
          }}
        />
        {amount && (
          <AmountRange
            min={range.min}
            max={range.max}
            onChange={(min, max) => {
              setRange({ min, max });
              setQuery((q) => ({ ...q, page: 1 }));
            }}
          />
        )}
        <Tooltip title={t('exportXlsxHelp')}>
          <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
            {t('exportXlsx')}
          </Button>
        </Tooltip>
        {amount && props.totalLabel && (
          <Typography.Text strong>
            {props.totalLabel}: {formatVnd(kept.reduce((s, r) => s + amount(r), 0))}
          </Typography.Text>
        )}
      </div>
      <ListTable<T, ListColumnKey>
        load={load}
        columns={columns}
        rowKey={props.rowKey}
        query={query}
        defaultSort={props.defaultSort}
        pageSizes={PAGE_SIZES}
        onQueryChange={setQuery}
        totalText={(n) => props.countText?.(kept) ?? t('totalEmployers', { n: formatCount(n) })}
        minWidth={760}
      />
    </Space>
  );
}

/** The employer's step on the ladder now, a column of every drill-down: the lists filter by it. */
function useStepColumn(): DrillColumn<Row> {
  const { t } = useI18n();
  return {
    key: 'step',
    kind: 'text',
    width: 150,
    value: (r) => t(`step_${r.step}`),
    render: (r) => (
      <span style={LINE}>
        <StepTag step={r.step} />
      </span>
    ),
  };
}

const employerLink = (r: Row) => (
  <span style={LINE} title={r.name}>
    <Link to={`/employers/${r.employerId}`}>{r.name}</Link>
  </span>
);

/**
 * The list behind one figure of a province's report: the late employers behind a stock row, the actions behind a count
 * of what was done, the payments behind the amount recovered. Lists are drawn from the data now, so for a frozen
 * version they may have moved on.
 */
export function BreakdownDrawer({
  report,
  row,
  frozen,
  onClose,
}: {
  report: ReportRef;
  row: FigureRow;
  frozen: boolean;
  onClose(): void;
}) {
  const { language, t } = useI18n();
  const errorText = useErrorText();
  const { campaignId, officeId, day } = report;
  const { data, error } = useLoad(
    () => api.breakdown({ campaignId, officeId, day }, row.indicator),
    [campaignId, officeId, day, row.indicator],
  );

  const stepColumn = useStepColumn();
  const kind = indicatorKind(row.indicator);
  const heading = `${row.code}. ${language === 'en' ? row.labelEn : row.label}`;
  const fileName = `chi-tiet-${row.code}-${day}`;

  const lateColumns: DrillColumn<LateRow>[] = [
    { key: 'code', kind: 'text', width: 110, value: (r) => r.code },
    { key: 'name', kind: 'text', value: (r) => r.name, render: employerLink },
    {
      key: 'lateAmount',
      kind: 'integer',
      align: 'right',
      width: 150,
      value: (r) => r.lateAmount,
      render: (r) => formatVnd(r.lateAmount),
    },
    {
      key: 'overdueMonths',
      kind: 'integer',
      align: 'right',
      width: 110,
      value: (r) => r.overdueMonths,
      // Three months is the template's threshold (rows 3 and 4).
      render: (r) => (
        <Typography.Text type={r.overdueMonths >= 3 ? 'danger' : undefined}>{r.overdueMonths}</Typography.Text>
      ),
    },
    stepColumn,
  ];
  const actionColumns: DrillColumn<ActionRow>[] = [
    { key: 'actionDate', kind: 'day', width: 104, value: (r) => r.date, render: (r) => formatDate(r.date) },
    { key: 'code', kind: 'text', width: 110, value: (r) => r.code },
    { key: 'name', kind: 'text', value: (r) => r.name, render: employerLink },
    { key: 'actionKind', kind: 'text', width: 190, value: (r) => t(`action_${r.kind}`) },
    { key: 'documentNumber', kind: 'text', width: 130, value: (r) => r.documentNumber },
    stepColumn,
  ];
  const paymentColumns: DrillColumn<PaymentRow>[] = [
    { key: 'paidOn', kind: 'day', width: 104, value: (r) => r.date, render: (r) => formatDate(r.date) },
    { key: 'code', kind: 'text', width: 110, value: (r) => r.code },
    { key: 'name', kind: 'text', value: (r) => r.name, render: employerLink },
    {
      key: 'amount',
      kind: 'integer',
      align: 'right',
      width: 140,
      value: (r) => r.amount,
      render: (r) => formatVnd(r.amount),
    },
    { key: 'reference', kind: 'text', width: 170, value: (r) => r.reference },
    stepColumn,
  ];

  const content = () => {
    if (error !== null) return <Alert type="error" showIcon title={errorText(error)} />;
    if (!data) return <Spin style={{ display: 'block', marginTop: 24 }} />;
    if (kind === 'stock') {
      return (
        <DrillList<LateRow>
          rows={data.employers}
          columns={lateColumns}
          rowKey={(r) => r.employerId}
          amount={(r) => r.lateAmount}
          defaultSort={{ sort: 'lateAmount', order: 'desc' }}
          fileName={fileName}
          title={heading}
          totalLabel={t('total')}
        />
      );
    }
    if (row.indicator === 'recovered_amount') {
      // The figure counts each payment only up to what the employer owed at the baseline; the list shows it whole.
      return (
        <DrillList<PaymentRow>
          rows={data.payments}
          columns={paymentColumns}
          rowKey={(r) => `${r.employerId}-${r.date}-${r.reference}`}
          amount={(r) => r.amount}
          defaultSort={{ sort: 'paidOn', order: 'asc' }}
          fileName={fileName}
          title={heading}
          totalLabel={t('totalPaid')}
        />
      );
    }
    return (
      <DrillList<ActionRow>
        rows={data.actions}
        columns={actionColumns}
        rowKey={(r) => r.id}
        defaultSort={{ sort: 'actionDate', order: 'asc' }}
        // An employer may have had several actions: the count is of employers, as the figure's.
        countText={(rows) => t('totalEmployers', { n: formatCount(new Set(rows.map((a) => a.employerId)).size) })}
        fileName={fileName}
        title={heading}
      />
    );
  };

  return (
    <Drawer open size={960} title={`${heading} · ${formatDate(day)}`} onClose={onClose} className="no-print">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {frozen && <Alert type="info" showIcon title={t('breakdownNow')} />}
        {content()}
      </Space>
    </Drawer>
  );
}
