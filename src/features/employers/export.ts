import type { Day } from '../../domain/ledger.js';
import type { ListLanguage } from '../../domain/list-labels.js';
import { bandLabel, CYCLE_LABELS, OWNERSHIP_LABELS, STATUS_LABELS, STEP_LABELS } from '../../domain/list-labels.js';
import { COUNT_FORMAT, MONEY_FORMAT } from '../../http/spreadsheet.js';
import { listWorkbook, type ListSheetColumn } from '../exports/service.js';
import type { EmployerListItem } from './schemas.js';

const COLUMNS: ListSheetColumn<EmployerListItem>[] = [
  { head: 'code', width: 13, value: (e) => e.code },
  { head: 'name', width: 45, value: (e) => e.name },
  { head: 'taxCode', width: 14, value: (e) => e.taxCode },
  { head: 'office', width: 30, value: (e) => e.office.name },
  { head: 'ownership', width: 30, value: (e, l) => OWNERSHIP_LABELS[e.ownership][l] },
  { head: 'headcount', width: 11, format: COUNT_FORMAT, value: (e) => e.headcount },
  { head: 'status', width: 16, value: (e, l) => STATUS_LABELS[e.status][l] },
  { head: 'paymentCycle', width: 14, value: (e, l) => CYCLE_LABELS[e.paymentCycle][l] },
  { head: 'lateAmount', width: 18, format: MONEY_FORMAT, value: (e) => e.lateAmount },
  { head: 'overdueMonths', width: 11, format: '0', value: (e) => e.overdueMonths },
  { head: 'band', width: 14, value: (e, l) => bandLabel(e.band, l) },
  { head: 'step', width: 22, value: (e, l) => STEP_LABELS[e.step][l] },
];

/** The filtered employer list as a workbook, in the list's order. */
export function employerWorkbook(list: {
  items: EmployerListItem[];
  asOf: Day;
  language: ListLanguage;
  creator: string;
}): Promise<Buffer> {
  return listWorkbook({
    name: { vi: 'Đơn vị', en: 'Employers' },
    columns: COLUMNS,
    rows: list.items,
    language: list.language,
    creator: list.creator,
    asOf: list.asOf,
  });
}
