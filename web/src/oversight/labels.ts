import { OWNERSHIPS } from '../employers/labels';
import { vietnamToday } from '../campaigns/labels';
import type { Translate } from '../i18n';
import type { useUrlState } from '../url';

/** Nhóm số tháng chậm đóng, as the default rule set bands them (a band the UI does not know keeps its key). */
export const BANDS = ['1-2', '3-5', '6-11', '12+'] as const;

export const PRIMARY = '#0b4f8a';
export const SECONDARY = '#d46b08';

const axisNumber = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/**
 * The unit of a money axis, from the largest amount it shows: a national total in thousands of billions reads as
 * "1.234 tỷ đồng", a grassroots office's as millions.
 */
export function amountAxis(t: Translate, amounts: number[]): { name: string; format(value: number): string } {
  const max = Math.max(0, ...amounts);
  const [unit, name] =
    max >= 10_000_000_000 ? [1e9, t('unitBillion')] : max >= 10_000_000 ? [1e6, t('unitMillion')] : [1, t('unitDong')];
  return { name, format: (value) => axisNumber.format(value / unit) };
}

/** A percent axis: 2,5% rather than 2,50%. */
export const axisPercent = (value: number) => `${axisNumber.format(value)}%`;

/** "1–2 tháng" … "Từ 12 tháng"; a band the UI does not know keeps the server's key. */
export function bandLabel(t: Translate, key: string): string {
  const band = BANDS.find((b) => b === key);
  return band ? t(`band_${band}`) : key;
}

export function ownershipLabel(t: Translate, key: string): string {
  const ownership = OWNERSHIPS.find((o) => o === key);
  return ownership ? t(`ownership_${ownership}`) : key;
}

/** The year in the URL, else the current one in Việt Nam. */
export function yearParam(url: ReturnType<typeof useUrlState>): number {
  const year = url.positiveInt('year');
  return year !== undefined && year >= 2000 && year <= 2100 ? year : Number(vietnamToday().slice(0, 4));
}
