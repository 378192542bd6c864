import { App, Button, Card, Empty, Space, Table, Tooltip, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined, TableOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { downloadCsv, type CsvCell } from '../csv';
import type { ColumnKind } from '../../../src/features/exports/schemas';
import { api } from '../api/client';
import { formatDate } from '../format';
import { useErrorText, useT } from '../i18n';

/** A column shown in a table and written to its CSV file. */
export interface DataColumn<T> {
  title: string;
  /** The figure as the CSV holds it: a plain number, so that a spreadsheet can compute with it. */
  value(row: T): CsvCell;
  /** Formats a numeric value for the table, and right-aligns the column. */
  format?(value: number): string;
  /** The table cell, when it is more than the formatted value (a link, a tag). */
  render?(row: T): ReactNode;
  /** Added up in a totals row: whole numbers only (counts, đồng). */
  sum?: boolean;
  width?: number;
}

function totalsOf<T>(columns: DataColumn<T>[], rows: T[]): CsvCell[] | null {
  if (!columns.some((c) => c.sum)) return null;
  return columns.map((c) => (c.sum ? rows.reduce((s, r) => s + Number(c.value(r) ?? 0), 0) : null));
}

type Row = CsvCell[];

/** The rows a data table shows, with its totals row. */
function exportRows<T>(t: ReturnType<typeof useT>, columns: DataColumn<T>[], rows: T[]): Row[] {
  const totals = totalsOf(columns, rows);
  return [...rows.map((r) => columns.map((c) => c.value(r))), ...(totals ? [[t('total'), ...totals.slice(1)]] : [])];
}

/** A column's kind in the workbook, from what it holds: days, whole numbers, decimals or text. */
function kindOf(values: CsvCell[]): ColumnKind {
  const present = values.filter((v) => v !== null);
  if (present.length > 0 && present.every((v) => typeof v === 'object')) return 'day';
  const numbers = present.filter((v) => typeof v === 'number');
  if (numbers.length > 0 && numbers.length >= present.length - 1)
    return numbers.every((n) => Number.isInteger(n)) ? 'integer' : 'decimal';
  return 'text';
}

/**
 * Saves rows, or what a data table shows with its totals row: .xlsx for people (the server writes it in the app's
 * workbook form), CSV in the Vietnamese Excel form for machines.
 */
export function useTableExport() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const rowsXlsx = async (fileName: string, title: string, header: string[], rows: Row[]) => {
    try {
      await api.exportXlsx({
        fileName: fileName.replace(/\.csv$/, '.xlsx'),
        title,
        columns: header.map((h, i) => ({ title: h, kind: kindOf(rows.map((r) => r[i] ?? null)) })),
        rows: rows.map((r) => r.map((v) => (v !== null && typeof v === 'object' ? v.day : v))),
      });
    } catch (error) {
      message.error(errorText(error));
    }
  };
  return {
    rowsCsv: downloadCsv,
    rowsXlsx,
    csv<T>(fileName: string, columns: DataColumn<T>[], rows: T[]) {
      downloadCsv(
        fileName,
        columns.map((c) => c.title),
        exportRows(t, columns, rows),
      );
    },
    xlsx<T>(fileName: string, title: string, columns: DataColumn<T>[], rows: T[]) {
      return rowsXlsx(
        fileName,
        title,
        columns.map((c) => c.title),
        exportRows(t, columns, rows),
      );
    },
  };
}

/** The .xlsx button first, then CSV with the form it is written in. */
export function ExportButtons({ disabled, onXlsx, onCsv }: { disabled: boolean; onXlsx(): void; onCsv(): void }) {
  const t = useT();
  return (
    <Space size={6} wrap>
      <Button size="small" type="primary" icon={<FileExcelOutlined />} disabled={disabled} onClick={onXlsx}>
        {t('exportXlsx')}
      </Button>
      <Tooltip title={t('csvFormatNote')}>
        <Button size="small" icon={<DownloadOutlined />} disabled={disabled} onClick={onCsv}>
          {t('exportCsv')}
        </Button>
      </Tooltip>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('csvFormatNote')}
      </Typography.Text>
    </Space>
  );
}

export function DataTable<T>({
  columns,
  rows,
  rowKey,
  pageSize = 50,
}: {
  columns: DataColumn<T>[];
  rows: T[];
  rowKey(row: T): string | number;
  pageSize?: number;
}) {
  const t = useT();
  const totals = totalsOf(columns, rows);
  const show = (c: DataColumn<T>, v: CsvCell) =>
    v === null ? '—' : typeof v === 'object' ? formatDate(v.day) : typeof v === 'number' && c.format ? c.format(v) : v;
  const tableColumns: ColumnsType<T> = columns.map((c, i) => ({
    key: i,
    title: c.title,
    width: c.width,
    align: c.format ? 'right' : undefined,
    render: (_, row) => (c.render ? c.render(row) : show(c, c.value(row))),
  }));
  return (
    <Table<T>
      rowKey={rowKey}
      size="small"
      columns={tableColumns}
      dataSource={rows}
      pagination={{ pageSize, hideOnSinglePage: true, showSizeChanger: false }}
      summary={() =>
        totals && (
          <Table.Summary.Row>
            {columns.map((c, i) => (
              <Table.Summary.Cell key={i} index={i} align={c.format ? 'right' : undefined}>
                <strong>{i === 0 ? t('total') : totals[i] === null ? '' : show(c, totals[i]!)}</strong>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )
      }
    />
  );
}

/** A chart with its figures: the table under it on demand, and the same table as a CSV file. */
export function ChartCard<T>({
  title,
  extra,
  chart,
  columns,
  rows,
  rowKey,
  fileName,
  loading = false,
  empty,
}: {
  title: ReactNode;
  extra?: ReactNode;
  chart: ReactNode;
  columns: DataColumn<T>[];
  rows: T[];
  rowKey(row: T): string | number;
  fileName: string;
  loading?: boolean;
  /** What to say when there is nothing to draw. */
  empty?: string;
}) {
  const t = useT();
  const save = useTableExport();
  const [showTable, setShowTable] = useState(false);
  return (
    <Card
      size="small"
      title={title}
      loading={loading}
      extra={
        <Space size={6} className="no-print">
          {extra}
          <Button
            size="small"
            icon={<TableOutlined />}
            type={showTable ? 'primary' : 'default'}
            aria-pressed={showTable}
            onClick={() => setShowTable((s) => !s)}
          >
            {t('dataTable')}
          </Button>
          <ExportButtons
            disabled={rows.length === 0}
            onXlsx={() => void save.xlsx(fileName, typeof title === 'string' ? title : '', columns, rows)}
            onCsv={() => save.csv(fileName, columns, rows)}
          />
        </Space>
      }
    >
      {rows.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty ?? t('noData')} /> : chart}
      {showTable && rows.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <DataTable columns={columns} rows={rows} rowKey={rowKey} />
        </div>
      )}
    </Card>
  );
}
