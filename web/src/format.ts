/**
 * Display formats. Money arrives as whole VND integers and is only formatted here, at the edge: the UI never does
 * arithmetic on amounts that the server has not already done, apart from adding integers for a totals row.
 */

const group = (n: number) =>
  Math.trunc(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/**
 * 1234567 → "1.234.567 ₫". The space is a no-break space (U+00A0), as in Intl's own vi-VN currency format, so that
 * "₫" never wraps onto a line of its own in a narrow column.
 */
export function formatVnd(amount: number): string {
  return `${amount < 0 ? '-' : ''}${group(Math.abs(amount))}\u00a0₫`;
}

/** 1234 → "1.234" */
export function formatCount(n: number): string {
  return `${n < 0 ? '-' : ''}${group(Math.abs(n))}`;
}

import type { Share } from '../../src/domain/share';

export { formatShare } from '../../src/domain/share';

/**
 * A share as a plain percent number, for a chart axis or a CSV cell that a spreadsheet computes with: not rounded
 * (what is shown as text goes through formatShare).
 */
export function sharePercent(share: Share): number {
  return (share.numerator * 100) / share.denominator;
}

/** 20.34 → "20,34%": a percent given as a number (a target someone typed), with the Vietnamese decimal comma. */
export function formatPercent(n: number): string {
  const [whole, fraction] = Math.abs(n).toFixed(2).split('.');
  return `${n < 0 ? '-' : ''}${group(Number(whole))},${fraction}%`;
}

/** Points out of a score, kept by the server to two decimals: 12.5 → "12,5", 20 → "20". */
export function formatScore(n: number): string {
  return n
    .toFixed(2)
    .replace(/\.?0+$/, '')
    .replace('.', ',');
}

// Every instant is shown in Việt Nam time whatever the browser's zone: deadlines are defined there.
const instantFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  // h23, not hour12: false, which some engines render as "24:05" just after midnight.
  hourCycle: 'h23',
});

function vietnamParts(iso: string): Record<string, string> {
  return Object.fromEntries(instantFormat.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
}

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day 'YYYY-MM-DD' → 'dd/mm/yyyy'; an ISO instant → its day in Việt Nam, 'dd/mm/yyyy'. */
export function formatDate(value: string): string {
  if (CALENDAR_DAY.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  const p = vietnamParts(value);
  return `${p.day}/${p.month}/${p.year}`;
}

/** An ISO instant shown in Việt Nam time: 'dd/mm/yyyy hh:mm'. */
export function formatInstant(iso: string): string {
  const p = vietnamParts(iso);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/**
 * An office name in a dense table: "Bảo hiểm xã hội cơ sở Cầu Giấy" → "BHXH cơ sở Cầu Giấy", the abbreviation every
 * officer uses, so that the part that tells offices apart stays visible.
 */
export function shortOfficeName(name: string): string {
  return name.replace(/^Bảo hiểm xã hội\s+/u, 'BHXH ');
}

/** A contribution month 'YYYY-MM' → 'mm/yyyy'. */
export function formatPeriod(period: string): string {
  const [y, m] = period.split('-');
  return `${m}/${y}`;
}
