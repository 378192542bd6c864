import { describe, expect, it } from 'vitest';
import { csvText } from './csv';

describe('CSV for Excel set to Vietnamese', () => {
  it('separates fields with ";", writes days as dd/mm/yyyy and decimals with a comma, whole numbers ungrouped', () => {
    expect(
      csvText(['Đơn vị', 'Ngày', 'Số tiền', 'Tỷ lệ (%)'], [['Công ty A', { day: '2025-10-14' }, 13_280_000, 2.5]]),
    ).toBe('Đơn vị;Ngày;Số tiền;Tỷ lệ (%)\r\nCông ty A;14/10/2025;13280000;2,5\r\n');
  });

  it('quotes a text holding the separator or a quote, and defuses one that starts like a formula', () => {
    expect(csvText(['a', 'b', 'c'], [['Hà Nội; Hải Phòng', 'say "hi"', '=1+1']])).toBe(
      'a;b;c\r\n"Hà Nội; Hải Phòng";"say ""hi""";\'=1+1\r\n',
    );
  });

  it('leaves a missing value empty', () => {
    expect(csvText(['a', 'b'], [[null, 'x']])).toBe('a;b\r\n;x\r\n');
  });
});
