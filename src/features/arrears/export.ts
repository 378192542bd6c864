import type { Day } from '../../domain/ledger.js';
import {
  bandLabel,
  OWNERSHIP_LABELS,
  STATUS_LABELS,
  STEP_LABELS,
  type ListLanguage,
} from '../../domain/list-labels.js';
import { MONEY_FORMAT } from '../../http/spreadsheet.js';
import { listWorkbook, type ListSheetColumn } from '../exports/service.js';
import type { LateEmployer } from './schemas.js';

const COLUMNS: ListSheetColumn<LateEmployer>[] = [
  { head: 'code', width: 13, value: (e) => e.code },
  { head: 'name', width: 45, value: (e) => e.name },
  { head: 'taxCode', width: 14, value: (e) => e.taxCode },
  { head: 'office', width: 30, value: (e) => e.officeName },
  { head: 'ownership', width: 30, value: (e, l) => OWNERSHIP_LABELS[e.ownership][l] },
  { head: 'status', width: 16, value: (e, l) => STATUS_LABELS[e.status][l] },
  { head: 'lateAmount', width: 18, format: MONEY_FORMAT, value: (e) => e.lateAmount },
  { head: 'overdueMonths', width: 11, format: '0', value: (e) => e.overdueMonths },
  { head: 'band', width: 14, value: (e, l) => bandLabel(e.band, l) },
  // A contribution month as 'MM/YYYY', the form of the official forms: a month is no day, so it stays text.
  {
    head: 'oldestUnpaid',
    width: 10,
    value: (e) =>
      e.oldestUnpaidPeriod === null ? null : `${e.oldestUnpaidPeriod.slice(5)}/${e.oldestUnpaidPeriod.slice(0, 4)}`,
  },
  { head: 'charge', width: 16, format: MONEY_FORMAT, value: (e) => e.charge },
  { head: 'step', width: 22, value: (e, l) => STEP_LABELS[e.step][l] },
];

/** The filtered list of late employers as a workbook, in the list's order. */
export function lateWorkbook(list: {
  items: LateEmployer[];
  asOf: Day;
  language: ListLanguage;
  creator: string;
}): Promise<Buffer> {
  return listWorkbook({
    name: { vi: 'Chậm đóng', en: 'Late employers' },
    columns: COLUMNS,
    rows: list.items,
    language: list.language,
    creator: list.creator,
    asOf: list.asOf,
  });
}
