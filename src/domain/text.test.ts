import { describe, expect, it } from 'vitest';
import { foldForSearch } from './text.js';

describe('foldForSearch', () => {
  it('removes tones and vowel marks so unaccented typing matches', () => {
    expect(foldForSearch('Công ty TNHH Nguyễn Hoàng Ưng')).toBe('cong ty tnhh nguyen hoang ung');
  });

  it('turns đ and Đ into d, which NFD alone does not decompose', () => {
    expect(foldForSearch('Đức Đạt đường')).toBe('duc dat duong');
  });

  it('treats precomposed and combining forms alike', () => {
    expect(foldForSearch('Nguye\u0302\u0303n')).toBe(foldForSearch('Nguyễn'));
  });

  it('collapses runs of white space', () => {
    expect(foldForSearch('  Hợp   tác\txã ')).toBe('hop tac xa');
  });
});
