import { describe, expect, it } from 'vitest';
import { copySlices, type CopyFormat } from './copy-slices.js';

async function* from(chunks: (string | Uint8Array)[]) {
  yield* chunks;
}

async function slicesOf(chunks: (string | Uint8Array)[], format: CopyFormat, sliceBytes: number) {
  const out: Uint8Array[] = [];
  for await (const slice of copySlices(from(chunks), format, sliceBytes)) out.push(slice);
  return out;
}

const texts = (slices: Uint8Array[]) => slices.map((s) => Buffer.from(s).toString('utf8'));

/** A CSV with quoted line breaks, doubled quotes, CRLF and LF line ends, and a last record without a line break. */
const CSV = '1,"a\nb",x\r\n2,"say ""hi""\r\nthere",y\n3,"""",z\r\n4,plain,w\n5,"\n\n",v';
const CSV_RECORDS = ['1,"a\nb",x\r\n', '2,"say ""hi""\r\nthere",y\n', '3,"""",z\r\n', '4,plain,w\n', '5,"\n\n",v'];

describe('cutting COPY input into slices', () => {
  it('ends each slice at the first line end once it holds the slice size', async () => {
    const slices = await slicesOf(['aaaa\nbb\ncccccc\nd\n'], 'text', 5);
    expect(texts(slices)).toEqual(['aaaa\n', 'bb\ncccccc\n', 'd\n']);
  });

  it('keeps a line break inside a quoted CSV field within its record', async () => {
    expect(texts(await slicesOf([CSV], 'csv', 1))).toEqual(CSV_RECORDS);
  });

  it('takes quotes for plain bytes in the text format, where every line break ends a record', async () => {
    expect(texts(await slicesOf(['"a\n"b\n'], 'text', 1))).toEqual(['"a\n', '"b\n']);
  });

  it('keeps a CRLF line end whole', async () => {
    expect(texts(await slicesOf(['a\r\nb\r\n'], 'csv', 1))).toEqual(['a\r\n', 'b\r\n']);
  });

  it('makes a record longer than the slice size a slice of its own', async () => {
    const long = `${'x'.repeat(100)}\n`;
    expect(texts(await slicesOf([`y\n${long}z\n`], 'text', 10))).toEqual([`y\n${long}`, 'z\n']);
    expect(texts(await slicesOf([long, 'z\n'], 'csv', 10))).toEqual([long, 'z\n']);
  });

  it('gathers small chunks into one slice up to the slice size', async () => {
    const slices = await slicesOf(['a\n', 'b\n', 'c\n', 'd\n', 'e\n'], 'text', 4);
    expect(texts(slices)).toEqual(['a\nb\n', 'c\nd\n', 'e\n']);
  });

  it('makes no slice of empty input', async () => {
    expect(await slicesOf([], 'csv', 10)).toEqual([]);
    expect(await slicesOf(['', new Uint8Array()], 'text', 10)).toEqual([]);
  });

  it('cuts the same slices wherever the chunks of the input break', async () => {
    const bytes = Buffer.from(CSV);
    for (const sliceBytes of [1, 12, 30, 1000]) {
      const whole = texts(await slicesOf([bytes], 'csv', sliceBytes));
      expect(whole.join('')).toBe(CSV);
      for (const slice of whole) expect(CSV_RECORDS.some((r) => slice.endsWith(r))).toBe(true);
      for (let a = 0; a <= bytes.length; a++) {
        for (let b = a; b <= bytes.length; b++) {
          const chunks = [bytes.subarray(0, a), bytes.subarray(a, b), bytes.subarray(b)];
          expect(texts(await slicesOf(chunks, 'csv', sliceBytes))).toEqual(whole);
        }
      }
    }
  });

  it('gives each slice bytes of its own, which can be transferred without detaching the input', async () => {
    const input = Buffer.from('a,1\nb,2\nc,3\n');
    const chunks = [input.subarray(0, 6), input.subarray(6)];
    for (const slice of await slicesOf(chunks, 'csv', 2)) {
      expect(slice.byteOffset).toBe(0);
      expect(slice.buffer.byteLength).toBe(slice.length);
      structuredClone(slice, { transfer: [slice.buffer as ArrayBuffer] });
    }
    expect(input.toString()).toBe('a,1\nb,2\nc,3\n');
  });
});
