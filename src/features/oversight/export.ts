import type { Day } from '../../domain/ledger.js';
import { bandLabel, STEP_LABELS, type ListLanguage } from '../../domain/list-labels.js';
import { COUNT_FORMAT, MONEY_FORMAT } from '../../http/spreadsheet.js';
import { listWorkbook, type ListSheetColumn } from '../exports/service.js';
import type { InspectionCandidate } from './schemas.js';

const COLUMNS: ListSheetColumn<InspectionCandidate>[] = [
  { head: 'code', width: 13, value: (c) => c.employer.code },
  { head: 'name', width: 45, value: (c) => c.employer.name },
  { head: 'office', width: 30, value: (c) => c.employer.officeName },
  { head: 'headcount', width: 11, format: COUNT_FORMAT, value: (c) => c.employer.headcount },
  { head: 'lateAmount', width: 18, format: MONEY_FORMAT, value: (c) => c.lateAmount },
  { head: 'overdueMonths', width: 11, format: '0', value: (c) => c.overdueMonths },
  { head: 'band', width: 14, value: (c, l) => bandLabel(c.band, l) },
  { head: 'step', width: 22, value: (c, l) => STEP_LABELS[c.step][l] },
];

/** The filtered inspection candidates as a workbook, in the list's order. */
export function candidatesWorkbook(list: {
  items: InspectionCandidate[];
  asOf: Day;
  language: ListLanguage;
  creator: string;
}): Promise<Buffer> {
  return listWorkbook({
    name: { vi: 'Cần thanh tra', en: 'Inspection candidates' },
    columns: COLUMNS,
    rows: list.items,
    language: list.language,
    creator: list.creator,
    asOf: list.asOf,
  });
}
