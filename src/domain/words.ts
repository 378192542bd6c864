/**
 * Amounts in words for the "Bằng chữ: …" line of official documents, read as Vietnamese accountants read them:
 * groups of three digits, "linh" for a missing tens digit, "mốt" / "tư" / "lăm" for 1 / 4 / 5 after a tens digit,
 * and "không trăm" where a group inside the number has no hundreds (1.005.000 → "một triệu không trăm linh năm
 * nghìn"), so that the reading cannot be mistaken for a smaller number. Whole groups of zeros are not read.
 */

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;
const GROUP_SCALES = ['', 'nghìn', 'triệu'] as const;
const BILLION = 1_000_000_000;

function digit(d: number): string {
  return DIGITS[d] ?? '';
}

/** One group of three digits; `full` reads its hundreds and "linh" even when they are zero (not the leading group). */
function readGroup(group: number, full: boolean): string[] {
  const hundreds = Math.floor(group / 100);
  const tens = Math.floor(group / 10) % 10;
  const units = group % 10;
  const words: string[] = [];
  if (full || hundreds > 0) words.push(digit(hundreds), 'trăm');
  if (tens === 0) {
    if (units > 0) {
      if (words.length > 0) words.push('linh');
      words.push(digit(units));
    }
    return words;
  }
  words.push(...(tens === 1 ? ['mười'] : [digit(tens), 'mươi']));
  if (units === 5) words.push('lăm');
  else if (units === 1 && tens > 1) words.push('mốt');
  else if (units === 4 && tens > 1) words.push('tư');
  else if (units > 0) words.push(digit(units));
  return words;
}

/** 0 < n < 10^9, as triệu, nghìn and units groups. */
function readBelowBillion(n: number, leading: boolean): string[] {
  const words: string[] = [];
  let full = !leading;
  for (let scale = GROUP_SCALES.length - 1; scale >= 0; scale--) {
    const group = Math.floor(n / 1000 ** scale) % 1000;
    if (group === 0) continue;
    words.push(...readGroup(group, full));
    const name = GROUP_SCALES[scale];
    if (name) words.push(name);
    full = true;
  }
  return words;
}

/** n > 0. Above 10^9 the part before "tỷ" is itself read as a number, giving "nghìn tỷ" and "triệu tỷ". */
function readPositive(n: number, leading: boolean): string[] {
  if (n < BILLION) return readBelowBillion(n, leading);
  const high = Math.floor(n / BILLION);
  const low = n % BILLION;
  return [...readPositive(high, leading), 'tỷ', ...(low > 0 ? readBelowBillion(low, false) : [])];
}

/** 1234567 → "Một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy đồng". */
export function amountInWords(amount: number): string {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`amountInWords takes a whole number of đồng within ±${Number.MAX_SAFE_INTEGER}: ${amount}`);
  }
  const magnitude = Math.abs(amount);
  const words = magnitude === 0 ? ['không'] : readPositive(magnitude, true);
  if (amount < 0) words.unshift('âm');
  const text = `${words.join(' ')} đồng`;
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}
