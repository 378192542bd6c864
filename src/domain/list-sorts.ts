/**
 * The columns each list of employers sorts by: the server refuses any other, the web offers these and keeps the
 * chosen one in the address. One list for both, so that neither can offer a sort the other does not know.
 */
export const EMPLOYER_SORTS = [
  'code',
  'name',
  'taxCode',
  'office',
  'ownership',
  'headcount',
  'status',
  'paymentCycle',
  'lateAmount',
  'overdueMonths',
  'step',
] as const;
export type EmployerSort = (typeof EMPLOYER_SORTS)[number];

/** Danh sách đơn vị chậm đóng. */
export const LATE_SORTS = [
  'lateAmount',
  'overdueMonths',
  'charge',
  'code',
  'name',
  'taxCode',
  'office',
  'ownership',
  'status',
  'oldestUnpaid',
  'step',
] as const;
export type LateSort = (typeof LATE_SORTS)[number];
