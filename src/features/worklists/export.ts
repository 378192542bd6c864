import type { Day } from '../../domain/ledger.js';
import { ACTION_LABELS, bandLabel, STEP_LABELS, TIER_LABELS } from '../../domain/list-labels.js';
import { DATE_FORMAT, dayCell, MONEY_FORMAT } from '../../http/spreadsheet.js';
import type { ErrorLanguage } from '../../http/error-catalogue.js';
import { listWorkbook, type ListSheetColumn } from '../exports/service.js';
import type { WorklistItem } from './schemas.js';

const dateCell = (day: Day | null) => (day === null ? null : dayCell(day));

const COLUMNS: ListSheetColumn<WorklistItem>[] = [
  { head: 'code', width: 13, value: (i) => i.employer.code },
  { head: 'name', width: 45, value: (i) => i.employer.name },
  { head: 'taxCode', width: 14, value: (i) => i.employer.taxCode },
  { head: 'office', width: 30, value: (i) => i.employer.officeName },
  { head: 'tier', width: 14, value: (i, l) => TIER_LABELS[i.tier][l] },
  { head: 'lateAmount', width: 18, format: MONEY_FORMAT, value: (i) => i.lateAmount },
  { head: 'overdueMonths', width: 11, format: '0', value: (i) => i.overdueMonths },
  { head: 'band', width: 14, value: (i, l) => bandLabel(i.band, l) },
  { head: 'charge', width: 16, format: MONEY_FORMAT, value: (i) => i.charge },
  { head: 'step', width: 22, value: (i, l) => STEP_LABELS[i.step][l] },
  { head: 'since', width: 12, format: DATE_FORMAT, value: (i) => dateCell(i.since) },
  {
    head: 'dueTasks',
    width: 30,
    value: (i, l) => [...new Set(i.due.map((d) => ACTION_LABELS[d.action][l]))].join('; '),
  },
  {
    head: 'nextDue',
    width: 12,
    format: DATE_FORMAT,
    value: (i) => dateCell(i.due.reduce<Day | null>((min, d) => (min === null || d.by < min ? d.by : min), null)),
  },
  { head: 'followUpOn', width: 12, format: DATE_FORMAT, value: (i) => dateCell(i.followUpOn) },
  { head: 'brokenPromise', width: 10, value: (i, l) => (i.brokenPromise ? (l === 'vi' ? 'Có' : 'Yes') : '') },
];

export interface WorklistSheet {
  officialName: string;
  asOf: Day;
  items: WorklistItem[];
  language: ErrorLanguage;
}

/** A worklist as a workbook, in the list's order, every row the filters keep. */
export function worklistWorkbook(sheet: WorklistSheet): Promise<Buffer> {
  return listWorkbook({
    name: { vi: 'Việc hôm nay', en: 'Worklist' },
    columns: COLUMNS,
    rows: sheet.items,
    language: sheet.language,
    creator: sheet.officialName,
    asOf: sheet.asOf,
  });
}
