import ExcelJS from 'exceljs';
import { ruleSetsWording, type ReportRuleSets } from '../../domain/basis.js';
import { formatDay, formatVietnamTime } from '../../domain/format.js';
import { DATE_TIME_FORMAT, MONEY_FORMAT, styleHeadRow, vietnamTimeCell } from '../../http/spreadsheet.js';
import type { Day } from '../../domain/ledger.js';
import type { FigureRow, FigureValue } from '../../domain/report-figures.js';

/** Workbooks in the template layout: title, legal basis, date, the column heads, the rows, a totals row, footnotes. */

const RATIO = '0.00%';

function heading(sheet: ExcelJS.Worksheet, lines: string[], width: number) {
  lines.forEach((text, i) => {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, width);
    row.getCell(1).font = { bold: i === 0, italic: i > 0, size: i === 0 ? 14 : 11 };
    row.getCell(1).alignment = { horizontal: 'center', wrapText: true };
  });
  sheet.addRow([]);
}

function headRow(sheet: ExcelJS.Worksheet, heads: string[]) {
  styleHeadRow(sheet, sheet.addRow(heads));
}

const formatOf = (unit: FigureRow['unit']) => (unit === 'percent' ? RATIO : MONEY_FORMAT);

/**
 * A figure as a cell value: a share as its quotient, which the cell's percent format rounds once where it is shown; a
 * percent a report froze before shares were carried, as the fraction it printed.
 */
function cellOf(unit: FigureRow['unit'], value: FigureValue | null): number | null {
  if (value === null) return null;
  if (typeof value !== 'number') return value.numerator / value.denominator;
  return unit === 'percent' ? value / 100 : value;
}

function footnotes(sheet: ExcelJS.Worksheet, notes: string[], width: number) {
  sheet.addRow([]);
  for (const note of notes) {
    const row = sheet.addRow([note]);
    sheet.mergeCells(row.number, 1, row.number, width);
    row.getCell(1).font = { italic: true, size: 10 };
    row.getCell(1).alignment = { wrapText: true };
  }
}

export interface ProvinceReportSheet {
  campaignName: string;
  legalBasis: string;
  provinceName: string;
  day: Day;
  version: number;
  submittedAt: string | null;
  rows: FigureRow[];
  /** The rules the exported figures were computed under; absent from a version frozen before they were kept. */
  ruleSets: ReportRuleSets | undefined;
  footnotes: string[];
}

/** One province's report for a day: a row per template row, with baseline, day and cumulative columns. */
export async function provinceReportWorkbook(report: ProvinceReportSheet): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Báo cáo');
  sheet.columns = [{ width: 6 }, { width: 60 }, { width: 20 }, { width: 20 }, { width: 20 }];
  heading(
    sheet,
    [
      report.campaignName.toUpperCase(),
      report.legalBasis,
      `${report.provinceName} — ngày ${formatDay(report.day)}` +
        (report.submittedAt
          ? ` (bản ${report.version}, gửi lúc ${formatVietnamTime(new Date(report.submittedAt))})`
          : ' (chưa gửi)'),
    ],
    5,
  );
  headRow(sheet, ['STT', 'Chỉ tiêu', 'Thời điểm mốc', 'Trong ngày', 'Lũy kế từ đầu đợt']);
  for (const r of report.rows) {
    const row = sheet.addRow(
      r.unit === 'text'
        ? [r.code, r.label, r.text ?? '']
        : [r.code, r.label, cellOf(r.unit, r.baseline), cellOf(r.unit, r.day), cellOf(r.unit, r.cumulative)],
    );
    if (r.unit === 'text') sheet.mergeCells(row.number, 3, row.number, 5);
    for (const col of [3, 4, 5]) row.getCell(col).numFmt = formatOf(r.unit);
    row.getCell(3).alignment = { wrapText: r.unit === 'text' };
  }
  const rules = ruleSetsWording(report.ruleSets);
  footnotes(sheet, rules === null ? report.footnotes : [rules, ...report.footnotes], 5);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export interface NationalSheet {
  campaignName: string;
  legalBasis: string;
  day: Day;
  /** The numeric rows of the template, as columns. */
  columns: { indicator: string; label: string; unit: FigureRow['unit']; column: 'baseline' | 'day' | 'cumulative' }[];
  provinces: { name: string; status: string; submittedAt: string | null; rows: FigureRow[] | null }[];
  national: FigureRow[];
  /** The distinct rules of the consolidated reports: more than one when rules changed during the campaign. */
  ruleSets: ReportRuleSets[];
  footnotes: string[];
}

const STATUS = { on_time: 'Đúng hạn', late: 'Trễ hạn', missing: 'Không báo cáo', open: 'Chưa đến hạn' } as Record<
  string,
  string
>;

/** Bảng tổng hợp: a row per province with its status and figures, and the national totals row. */
export async function nationalWorkbook(table: NationalSheet): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Tổng hợp');
  const width = 4 + table.columns.length;
  sheet.columns = [
    { width: 6 },
    { width: 40 },
    { width: 16 },
    { width: 18 },
    ...table.columns.map(() => ({ width: 18 })),
  ];
  heading(sheet, [table.campaignName.toUpperCase(), table.legalBasis, `Tổng hợp ngày ${formatDay(table.day)}`], width);
  const suffix = { baseline: ' (mốc)', day: ' (trong ngày)', cumulative: ' (lũy kế)' };
  headRow(sheet, [
    'STT',
    'Đơn vị',
    'Tình trạng',
    'Thời điểm gửi',
    ...table.columns.map((c) => c.label + suffix[c.column]),
  ]);
  const value = (rows: FigureRow[] | null, c: NationalSheet['columns'][number]) =>
    cellOf(c.unit, rows?.find((r) => r.indicator === c.indicator)?.[c.column] ?? null);
  table.provinces.forEach((p, i) => {
    const row = sheet.addRow([
      i + 1,
      p.name,
      STATUS[p.status] ?? p.status,
      p.submittedAt ? vietnamTimeCell(p.submittedAt) : null,
      ...table.columns.map((c) => value(p.rows, c)),
    ]);
    row.getCell(4).numFmt = DATE_TIME_FORMAT;
    table.columns.forEach((c, k) => (row.getCell(5 + k).numFmt = formatOf(c.unit)));
  });
  const totals = sheet.addRow(['', 'Toàn quốc', '', '', ...table.columns.map((c) => value(table.national, c))]);
  totals.font = { bold: true };
  table.columns.forEach((c, k) => (totals.getCell(5 + k).numFmt = formatOf(c.unit)));
  const rules = table.ruleSets.map(ruleSetsWording).filter((line): line is string => line !== null);
  const mixed =
    rules.length > 1 ? ['Các báo cáo được tổng hợp tính theo những bộ quy tắc khác nhau (từng bộ dưới đây).'] : [];
  footnotes(sheet, [...mixed, ...rules, ...table.footnotes], width);
  return Buffer.from(await book.xlsx.writeBuffer());
}
