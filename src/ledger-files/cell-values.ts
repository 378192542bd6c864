import { daysInMonth } from '../domain/periods.js';

/**
 * The values of a ledger cell as officials type them: a day as yyyy-mm-dd or dd/mm/yyyy (Vietnamese order, also
 * with '-' or '.'), a month as yyyy-mm or mm/yyyy, an amount of whole đồng as 1000000, 1.000.000 or 1,000,000.
 * Each reader answers the canonical value or the reason it refuses; the common case (plain digits, ISO dates) is
 * decided from character codes first, without a regular expression.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: ValueProblem };

/** Why a cell is refused: each has a message in import-messages.ts. */
export type ValueProblem =
  | 'not_day'
  | 'month_day_order'
  | 'not_period'
  | 'not_amount'
  | 'amount_fraction'
  | 'amount_ambiguous'
  | 'amount_too_large';

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: ValueProblem): Parsed<never> => ({ ok: false, reason });

const isDigit = (c: number) => c >= 48 && c <= 57;

function allDigits(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function validDay(year: number, month: number, day: number): boolean {
  return year >= 1900 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A day: 2026-12-01, 01/12/2026, 1/12/2026, 01-12-2026 or 01.12.2026 (day first, as in Vietnam). */
export function parseDay(raw: string): Parsed<string> {
  const n = raw.length;
  if (n === 10 && raw.charCodeAt(4) === 45 && raw.charCodeAt(7) === 45) {
    if (!allDigits(raw, 0, 4) || !allDigits(raw, 5, 7) || !allDigits(raw, 8, 10)) return fail('not_day');
    return validDay(Number(raw.slice(0, 4)), Number(raw.slice(5, 7)), Number(raw.slice(8, 10)))
      ? ok(raw)
      : fail('not_day');
  }
  const parts = splitDate(raw);
  if (parts?.length !== 3 || parts[2]!.length !== 4 || parts[0]!.length > 2 || parts[1]!.length > 2)
    return fail('not_day');
  const [day, month, year] = parts.map(Number) as [number, number, number];
  if (validDay(year, month, day)) return ok(`${year}-${pad2(month)}-${pad2(day)}`);
  // 12/31/2026 is a valid day only as month/day: a file written in that order would be misread, so say so.
  return validDay(year, day, month) ? fail('month_day_order') : fail('not_day');
}

/** A contribution month: 2026-07, 07/2026 or 7/2026 (also with '-' or '.'). */
export function parsePeriod(raw: string): Parsed<string> {
  if (raw.length === 7 && raw.charCodeAt(4) === 45 && allDigits(raw, 0, 4) && allDigits(raw, 5, 7)) {
    const month = Number(raw.slice(5, 7));
    return month >= 1 && month <= 12 ? ok(raw) : fail('not_period');
  }
  const parts = splitDate(raw);
  if (parts?.length !== 2 || parts[1]!.length !== 4 || parts[0]!.length > 2) return fail('not_period');
  const month = Number(parts[0]);
  const year = Number(parts[1]);
  return month >= 1 && month <= 12 && year >= 1900 ? ok(`${year}-${pad2(month)}`) : fail('not_period');
}

/** Digit groups split by one kind of separator ('/', '-' or '.'), or null. */
function splitDate(raw: string): string[] | null {
  const sep = raw.includes('/') ? '/' : raw.includes('.') ? '.' : '-';
  const parts = raw.split(sep);
  for (const p of parts) if (!allDigits(p, 0, p.length)) return null;
  return parts;
}

/**
 * Whole đồng. Plain digits; digits grouped by threes with '.' (Vietnamese) or ',' (English) — a group mark followed
 * by exactly three digits cannot be a decimal mark here, since amounts have no fraction of a đồng; a decimal part of
 * zeros after the other mark (1.000.000,00 or 1,000,000.00); spaces, '₫', 'đ' or 'VND' around it. Refused as
 * ambiguous: both marks used as groups, or groups of other sizes (1,00,000), which a reader could take either way.
 */
export function parseAmount(raw: string): Parsed<number> {
  // Plain digits are nearly every cell of a large file: no other test for them.
  const n = raw.length;
  const sign = n > 0 && raw.charCodeAt(0) === 45 ? 1 : 0;
  if (allDigits(raw, sign, n)) return checked(raw.slice(sign), sign === 1);
  let text = raw.replace(/\s*(₫|đ|vnd|vnđ)$/i, '').replace(/[\s\u00a0]/g, '');
  const negative = text.startsWith('-');
  if (negative) text = text.slice(1);
  if (text.length === 0 || !/^[\d.,]+$/.test(text)) return fail('not_amount');
  if (allDigits(text, 0, text.length)) return checked(text, negative);
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  // A mark that ends the number with one or two digits after it, the other mark (if any) only before it: a decimal.
  const decimalAt = Math.max(lastDot, lastComma);
  const tail = text.length - decimalAt - 1;
  let whole = text;
  if (tail !== 3) {
    if (tail < 1 || tail > 2) return fail(tail === 0 ? 'not_amount' : 'amount_ambiguous');
    const fraction = text.slice(decimalAt + 1);
    whole = text.slice(0, decimalAt);
    const mark = text[decimalAt]!;
    if (whole.includes(mark)) return fail('amount_ambiguous');
    if (!/^0+$/.test(fraction))
      return allDigits(whole, 0, whole.length) || grouped(whole) ? fail('amount_fraction') : fail('not_amount');
    if (allDigits(whole, 0, whole.length)) return checked(whole, negative);
  }
  if (whole.includes('.') && whole.includes(',')) return fail('amount_ambiguous');
  return grouped(whole) ? checked(whole.replace(/[.,]/g, ''), negative) : fail('amount_ambiguous');
}

/** 1.234.567 or 1,234,567: one to three digits, then groups of exactly three. */
function grouped(text: string): boolean {
  return /^\d{1,3}([.,]\d{3})+$/.test(text) && !(text.includes('.') && text.includes(','));
}

function checked(digits: string, negative: boolean): Parsed<number> {
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) return fail('amount_too_large');
  return ok(negative && value !== 0 ? -value : value);
}
