import { describe, expect, it } from 'vitest';
import { ChunkDecoder, detectEncoding, EncodingRefused } from './text-encoding.js';

const TEXT = 'employer,date,amount,reference\nHN0000100,01/12/2026,1.000.000,Công ty Đông Á nộp tiền\n';

/**
 * The same text as Excel's plain "CSV" writes it on a Vietnamese Windows (code page 1258): letters with a vowel
 * mark (â ô ơ ư ă đ) have a byte of their own, tone marks follow as combining bytes.
 */
const WINDOWS_1258: Record<string, number[]> = {
  ô: [0xf4],
  Đ: [0xd0],
  ộ: [0xf4, 0xf2],
  ề: [0xea, 0xcc],
  Á: [0x41, 0xec],
  á: [0x61, 0xec],
};
function encode1258(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) bytes.push(...(WINDOWS_1258[ch] ?? [ch.charCodeAt(0)]));
  return Buffer.from(bytes);
}

/** Decodes the file in chunks of `size` bytes, as a stream would hand them over. */
function decodeInChunks(bytes: Buffer, size: number): string {
  const decoder = new ChunkDecoder(detectEncoding(bytes));
  let text = '';
  for (let i = 0; i < bytes.length; i += size) text += decoder.decode(bytes.subarray(i, i + size), () => 1);
  return text + decoder.end(() => 1);
}

describe('detectEncoding and ChunkDecoder', () => {
  it('reads UTF-8 with and without a byte-order mark', () => {
    expect(detectEncoding(Buffer.from(TEXT))).toBe('utf-8');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]);
    expect(detectEncoding(bom)).toBe('utf-8');
    expect(decodeInChunks(bom, 7)).toBe(TEXT);
  });

  it('reads UTF-16 little- and big-endian, with a mark or without', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    expect(detectEncoding(le)).toBe('utf-16le');
    expect(decodeInChunks(le, 5)).toBe(TEXT);
    expect(detectEncoding(Buffer.from(TEXT, 'utf16le'))).toBe('utf-16le');
    const be = Buffer.from(TEXT, 'utf16le').swap16();
    expect(detectEncoding(be)).toBe('utf-16be');
    expect(decodeInChunks(be, 3)).toBe(TEXT);
  });

  it('reads Windows-1258 as the composed letters UTF-8 files hold, however the chunks cut a letter from its tone mark', () => {
    const bytes = encode1258(TEXT);
    expect(bytes.includes(0xf2)).toBe(true);
    expect(detectEncoding(bytes)).toBe('windows-1258');
    for (const size of [1, 2, 3, 64, bytes.length]) expect(decodeInChunks(bytes, size)).toBe(TEXT);
  });

  it('refuses text in another Vietnamese encoding (TCVN3) rather than read it garbled', () => {
    // "Công ty Đông Á" in TCVN3 (ABC): ô = 0xAB, § = Đ (0xA7), ¸ = á.
    const tcvn3 = Buffer.from([
      ...Buffer.from('C'),
      0xab,
      ...Buffer.from('ng ty '),
      0xa7,
      0xab,
      ...Buffer.from('ng '),
      0xb8,
      0xb8,
      0xb8,
    ]);
    expect(() => detectEncoding(tcvn3)).toThrow(EncodingRefused);
  });

  it('refuses a UTF-8 file with a stray byte further on, with the row reached', () => {
    const bytes = Buffer.concat([Buffer.from(TEXT), Buffer.from([0x41, 0xff, 0x0a])]);
    const decoder = new ChunkDecoder(detectEncoding(bytes.subarray(0, 20)));
    expect(() => decoder.decode(bytes, () => 3)).toThrow(expect.objectContaining({ row: 3, detected: 'utf-8' }));
  });
});
