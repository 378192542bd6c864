/** Display formats: money arrives as whole VND integers and is only formatted here, at the edge. */

const group = (n: number) => Math.trunc(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** 1234567 → "1.234.567 ₫" */
export function formatVnd(amount: number): string {
  return `${amount < 0 ? '-' : ''}${group(Math.abs(amount))} ₫`;
}

/** 1234 → "1.234" */
export function formatCount(n: number): string {
  return `${n < 0 ? '-' : ''}${group(Math.abs(n))}`;
}

/** 'YYYY-MM-DD' → 'dd/mm/yyyy' */
export function formatDate(day: string): string {
  const [y, m, d] = day.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** 'YYYY-MM' → 'mm/yyyy' */
export function formatPeriod(period: string): string {
  const [y, m] = period.split('-');
  return `${m}/${y}`;
}

const instantFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An ISO instant shown in Việt Nam time: "dd/mm/yyyy hh:mm". */
export function formatInstant(iso: string): string {
  const parts = Object.fromEntries(instantFormat.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}
