import { Button, Card, Empty, Space, Table } from 'antd';
import { DownloadOutlined, TableOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { downloadCsv, type CsvCell } from '../csv';
import { useT } from '../i18n';

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

/** Saves what a data table shows, with its totals row, as CSV. */
export function useTableCsv() {
  const t = useT();
  return <T,>(fileName: string, columns: DataColumn<T>[], rows: T[]) => {
    const totals = totalsOf(columns, rows);
    downloadCsv(
      fileName,
      columns.map((c) => c.title),
      [...rows.map((r) => columns.map((c) => c.value(r))), ...(totals ? [[t('total'), ...totals.slice(1)]] : [])],
    );
  };
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
    v === null ? '—' : typeof v === 'number' && c.format ? c.format(v) : v;
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
  const saveCsv = useTableCsv();
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
          <Button
            size="small"
            icon={<DownloadOutlined />}
            disabled={rows.length === 0}
            onClick={() => saveCsv(fileName, columns, rows)}
          >
            {t('exportCsv')}
          </Button>
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
