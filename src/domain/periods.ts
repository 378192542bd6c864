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

/** The same day a year earlier; 29 February gives 28 February. */
export function yearBefore(day: Day): Day {
  return monthsBefore(day, 12);
}

/** The same day some months earlier, or the last day of that month when it is shorter (31/03 − 1 month: 28/02). */
export function monthsBefore(day: Day, months: number): Day {
  const month = addMonths(periodOfDay(day), -months);
  const last = lastDayOf(month);
  const sameDay = `${month}-${day.slice(8, 10)}`;
  return sameDay > last ? last : sameDay;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil): integers only, no Date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** [year, month, day] of a day number (H. Hinnant's civil_from_days). */
export function civilFromDays(n: number): [number, number, number] {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** Days since 1970-01-01, for counting days between calendar dates. */
export function dayNumber(day: Day): number {
  return daysFromCivil(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)));
}

export function dayFromNumber(n: number): Day {
  const [y, m, d] = civilFromDays(n);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The month index of a day number. */
export function monthOfDay(n: number): number {
  // civilFromDays without the day and without the array: the engine asks this for every payment.
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const year = yoe + era * 400 + (mp >= 10 ? 1 : 0);
  return year * 12 + (mp < 10 ? mp + 2 : mp - 10);
}

export function addDays(day: Day, days: number): Day {
  return dayFromNumber(dayNumber(day) + days);
}
