import { describe, expect, it } from 'vitest';
import { amountInWords } from './words.js';

describe('amount in words (bằng chữ)', () => {
  it('reads a typical amount with a capital first letter and "đồng" at the end', () => {
    expect(amountInWords(1_234_567)).toBe('Một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy đồng');
  });

  it('reads zero as "Không đồng"', () => {
    expect(amountInWords(0)).toBe('Không đồng');
  });

  it('reads single digits plainly', () => {
    expect(amountInWords(1)).toBe('Một đồng');
    expect(amountInWords(4)).toBe('Bốn đồng');
    expect(amountInWords(5)).toBe('Năm đồng');
  });

  it('says "mười" for the tens digit 1, and "mười một", "mười bốn", "mười lăm" after it', () => {
    expect(amountInWords(10)).toBe('Mười đồng');
    expect(amountInWords(11)).toBe('Mười một đồng');
    expect(amountInWords(14)).toBe('Mười bốn đồng');
    expect(amountInWords(15)).toBe('Mười lăm đồng');
  });

  it('says "mốt", "tư" and "lăm" for 1, 4 and 5 after a tens digit of 2 or more', () => {
    expect(amountInWords(20)).toBe('Hai mươi đồng');
    expect(amountInWords(21)).toBe('Hai mươi mốt đồng');
    expect(amountInWords(24)).toBe('Hai mươi tư đồng');
    expect(amountInWords(25)).toBe('Hai mươi lăm đồng');
    expect(amountInWords(91)).toBe('Chín mươi mốt đồng');
  });

  it('says "linh" where the tens digit is zero after hundreds, keeping "một", "bốn", "năm"', () => {
    expect(amountInWords(101)).toBe('Một trăm linh một đồng');
    expect(amountInWords(104)).toBe('Một trăm linh bốn đồng');
    expect(amountInWords(105)).toBe('Một trăm linh năm đồng');
    expect(amountInWords(100)).toBe('Một trăm đồng');
    expect(amountInWords(115)).toBe('Một trăm mười lăm đồng');
  });

  it('reads "không trăm" in a non-zero group after the leading one', () => {
    expect(amountInWords(1_005)).toBe('Một nghìn không trăm linh năm đồng');
    expect(amountInWords(1_050)).toBe('Một nghìn không trăm năm mươi đồng');
    expect(amountInWords(1_000_005)).toBe('Một triệu không trăm linh năm đồng');
    expect(amountInWords(1_005_000)).toBe('Một triệu không trăm linh năm nghìn đồng');
    expect(amountInWords(2_021_000)).toBe('Hai triệu không trăm hai mươi mốt nghìn đồng');
  });

  it('does not read whole groups of zeros', () => {
    expect(amountInWords(1_000)).toBe('Một nghìn đồng');
    expect(amountInWords(1_000_000)).toBe('Một triệu đồng');
    expect(amountInWords(15_000_000)).toBe('Mười lăm triệu đồng');
    expect(amountInWords(300_000_500)).toBe('Ba trăm triệu năm trăm đồng');
  });

  it('reads tỷ, and nghìn tỷ and triệu tỷ above it', () => {
    expect(amountInWords(2_000_000_000)).toBe('Hai tỷ đồng');
    expect(amountInWords(1_250_000_000)).toBe('Một tỷ hai trăm năm mươi triệu đồng');
    expect(amountInWords(1_000_000_005)).toBe('Một tỷ không trăm linh năm đồng');
    expect(amountInWords(1_000_000_000_000)).toBe('Một nghìn tỷ đồng');
    expect(amountInWords(1_001_000_000_000)).toBe('Một nghìn không trăm linh một tỷ đồng');
    expect(amountInWords(1_000_001_000_000)).toBe('Một nghìn tỷ không trăm linh một triệu đồng');
    expect(amountInWords(5_000_000_000_000_000)).toBe('Năm triệu tỷ đồng');
  });

  it('reads the largest safe integer', () => {
    // 9.007.199.254.740.991 = 9.007.199 tỷ + 254.740.991
    expect(amountInWords(Number.MAX_SAFE_INTEGER)).toBe(
      'Chín triệu không trăm linh bảy nghìn một trăm chín mươi chín tỷ ' +
        'hai trăm năm mươi tư triệu bảy trăm bốn mươi nghìn chín trăm chín mươi mốt đồng',
    );
  });

  it('reads a negative amount with "Âm"', () => {
    expect(amountInWords(-1_500)).toBe('Âm một nghìn năm trăm đồng');
  });

  it('refuses fractions, non-finite numbers and numbers beyond the safe range', () => {
    expect(() => amountInWords(1.5)).toThrow(RangeError);
    expect(() => amountInWords(Number.NaN)).toThrow(RangeError);
    expect(() => amountInWords(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => amountInWords(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });
});
