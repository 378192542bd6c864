import { Table, theme, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { indicatorKind } from '../../../src/domain/report-figures';
import { shareFromPercent } from '../../../src/domain/share';
import type { FigureValue } from '../../../src/domain/report-figures';
import type { FigureRow } from '../../../src/features/campaigns/schemas';
import { formatCount, formatDate, formatShare, formatVnd } from '../format';
import { useI18n } from '../i18n';

type Column = 'baseline' | 'day' | 'cumulative';

/** A figure as shown: a share rounded once here; a percent a report froze before shares, as it printed it. */
function formatFigure(unit: FigureRow['unit'], value: FigureValue): string {
  if (typeof value !== 'number') return formatShare(value);
  return unit === 'vnd'
    ? formatVnd(value)
    : unit === 'percent'
      ? formatShare(shareFromPercent(value))
      : formatCount(value);
}

/** Whether a row has a list behind it: every count and amount, not the notes nor the ratio (a quotient of two sums). */
const hasBreakdown = (row: FigureRow) => indicatorKind(row.indicator) !== 'text' && row.indicator !== 'late_ratio';

/**
 * A report in the template layout: STT | Chỉ tiêu | Thời điểm mốc | Trong ngày | Lũy kế từ đầu đợt. Stock rows (how many
 * are late) fill the baseline and the day, flow rows (what was done) the day and the campaign so far, and the note rows
 * span the three figure columns. With `onOpen`, the figures of the day and so far open the list behind them (the
 * baseline is a past position that the lists do not describe; behind a zero there is nothing to list).
 */
export function FiguresTable({
  rows,
  baselineDate,
  onOpen,
}: {
  rows: FigureRow[];
  baselineDate?: string;
  onOpen?(row: FigureRow): void;
}) {
  const { language, t } = useI18n();
  const { token } = theme.useToken();

  const figure = (row: FigureRow, column: Column) => {
    const value = row[column];
    const kind = indicatorKind(row.indicator);
    // The template leaves these cells empty; any other missing figure (a ratio without a denominator) shows a dash.
    if ((kind === 'stock' && column === 'cumulative') || (kind === 'flow' && column === 'baseline')) return null;
    if (value === null) return '—';
    const text = formatFigure(row.unit, value);
    if (!onOpen || column === 'baseline' || value === 0 || !hasBreakdown(row)) return text;
    // A plain button rather than antd's: it reads as a link, and the printed page keeps it as the figure it is.
    return (
      <Tooltip title={t('seeBreakdown')} mouseEnterDelay={0.5}>
        <button
          type="button"
          className="report-figure"
          onClick={() => onOpen(row)}
          style={{
            background: 'none',
            border: 0,
            padding: 0,
            font: 'inherit',
            color: token.colorLink,
            cursor: 'pointer',
          }}
        >
          {text}
        </button>
      </Tooltip>
    );
  };
  const isText = (row: FigureRow) => indicatorKind(row.indicator) === 'text';
  const figureColumn = (key: Column, title: string, width: number) => ({
    title,
    key,
    width,
    align: 'right' as const,
    onCell: (row: FigureRow) => (isText(row) ? { colSpan: key === 'baseline' ? 3 : 0 } : {}),
    render: (_: unknown, row: FigureRow) =>
      isText(row) ? (
        <div style={{ whiteSpace: 'pre-line', textAlign: 'left' }}>{row.text || '—'}</div>
      ) : (
        figure(row, key)
      ),
  });

  const columns: ColumnsType<FigureRow> = [
    { title: t('colCode'), dataIndex: 'code', key: 'code', width: 56, align: 'center' },
    { title: t('colIndicator'), key: 'label', render: (_, row) => (language === 'en' ? row.labelEn : row.label) },
    figureColumn(
      'baseline',
      baselineDate ? `${t('baselineDate')} ${formatDate(baselineDate)}` : t('baselineDate'),
      170,
    ),
    figureColumn('day', t('colDay'), 170),
    figureColumn('cumulative', t('colCumulative'), 170),
  ];

  return (
    <Table<FigureRow>
      rowKey="code"
      size="small"
      bordered
      pagination={false}
      columns={columns}
      dataSource={rows}
      scroll={{ x: 820 }}
      // React's attribute types leave out data-* in an object; the row renders it all the same.
      onRow={(row) => ({ 'data-testid': `figure-${row.indicator}` }) as HTMLAttributes<HTMLElement>}
    />
  );
}

/** The template's footnotes (the C12-TS one among them), as printed under the table. */
export function Footnotes({ notes }: { notes: string[] }) {
  return (
    <div>
      {notes.map((n) => (
        <Typography.Paragraph key={n} type="secondary" italic style={{ fontSize: 12, marginBottom: 4 }}>
          {n}
        </Typography.Paragraph>
      ))}
    </div>
  );
}
