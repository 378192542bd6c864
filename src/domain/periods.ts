import type { Day, Period } from './ledger.js';

/** Calendar arithmetic on 'YYYY-MM' contribution months and 'YYYY-MM-DD' days, in whole numbers (no time zones). */

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isPeriod(text: string): boolean {
  return PERIOD.test(text);
}

export function isDay(text: string): boolean {
  const m = DAY.exec(text);
  return !!m && Number(m[3]) <= daysInMonth(Number(m[1]), Number(m[2]));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Months since year 0, so that months can be compared and counted with integers. */
export function periodIndex(period: Period): number {
  return Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;
}

export function periodFromIndex(index: number): Period {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function addMonths(period: Period, months: number): Period {
  return periodFromIndex(periodIndex(period) + months);
}

export function periodOfDay(day: Day): Period {
  return day.slice(0, 7);
}

export function lastDayOf(period: Period): Day {
  const days = daysInMonth(Number(period.slice(0, 4)), Number(period.slice(5, 7)));
  return `${period}-${String(days).padStart(2, '0')}`;
}

export function firstDayOf(period: Period): Day {
  return `${period}-01`;
}

/** Days since 1970-01-01, for counting days between calendar dates. */
export function dayNumber(day: Day): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;
}

export function dayFromNumber(n: number): Day {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(day: Day, days: number): Day {
  return dayFromNumber(dayNumber(day) + days);
}
