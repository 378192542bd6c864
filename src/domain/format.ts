import type { Day, Period } from './ledger.js';

// Numbers and dates as Vietnamese documents and exports print them (the web UI has its own, with ₫).

/** 1234567 → "1.234.567": money (whole đồng) and counts as printed in official documents. */
export function formatNumber(n: number): string {
  const digits = Math.abs(Math.trunc(n))
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return n < 0 ? `-${digits}` : digits;
}

/** 'YYYY-MM-DD' → 'dd/mm/yyyy'. */
export function formatDay(day: Day): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** 'YYYY-MM' → 'mm/yyyy'. */
export function formatPeriod(period: Period): string {
  return `${period.slice(5, 7)}/${period.slice(0, 4)}`;
}

/** An instant as Việt Nam reads it: 'dd/mm/yyyy HH:mm' in Asia/Ho_Chi_Minh (UTC+7 all year). */
export function formatVietnamTime(instant: Date): string {
  const local = new Date(instant.getTime() + 7 * 3600_000).toISOString();
  return `${formatDay(local.slice(0, 10))} ${local.slice(11, 16)}`;
}
