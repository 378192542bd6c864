import type { Day } from './ledger.js';

/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving), so local dates need no time-zone database. */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** The calendar day in Việt Nam at an instant. */
export function vietnamDate(instant: Date): Day {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of a wall-clock time in Việt Nam, e.g. (2023-12-12, 18, 30) → 2023-12-12T11:30:00Z. */
export function vietnamInstant(day: Day, hour = 0, minute = 0, second = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, hour, minute, second) - VIETNAM_OFFSET_MS);
}
