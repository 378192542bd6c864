import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directLines, NotDirect, type DirectKind } from './direct.js';

const IDS = new Map([
  ['HN0000100', 7],
  ['HN0000101', 12345],
]);

async function convert(kind: DirectKind, text: string) {
  const path = join(mkdtempSync(join(tmpdir(), 'dondoc-direct-')), `${kind}.csv`);
  writeFileSync(path, text);
  const touched = new Set<number>();
  let rows = -1;
  const parts: Buffer[] = [];
  for await (const part of directLines(path, kind, IDS, touched, (n) => (rows = n))) parts.push(part);
  return { text: Buffer.concat(parts).toString('utf8'), touched: [...touched], rows };
}

describe('the bulk import path', () => {
  it('turns canonical lines into COPY lines with employer ids, whatever the line ends', async () => {
    const out = await convert(
      'obligations',
      '\uFEFFemployer,period,fund,amount\r\nHN0000100,2025-07,BHXH,10000000\r\nHN0000100,2025-07,BHTNLD,-500\nHN0000101,2025-08,BHYT,0',
    );
    expect(out.text).toBe('7,2025-07,BHXH,10000000\n7,2025-07,BHTNLD,-500\n12345,2025-08,BHYT,0\n');
    expect(out.touched).toEqual([7, 12345]);
    expect(out.rows).toBe(3);
    const payments = await convert(
      'payments',
      'employer,date,amount,reference\nHN0000101,2025-08-25,1800000,UNC 1/2025\n',
    );
    expect(payments.text).toBe('12345,2025-08-25,1800000,UNC 1/2025\n');
  });

  it.each<[DirectKind, string]>([
    ['obligations', 'employer,fund,period,amount\nHN0000100,BHXH,2025-07,5\n'],
    ['obligations', 'employer,period,fund,amount\nHN0000999,2025-07,BHXH,5\n'],
    ['obligations', 'employer,period,fund,amount\nHN0000100,2025-13,BHXH,5\n'],
    ['obligations', 'employer,period,fund,amount\nHN0000100,2025-07,bhxh,5\n'],
    ['obligations', 'employer,period,fund,amount\nHN0000100,2025-07,BHXH,1.5\n'],
    ['obligations', 'employer,period,fund,amount\n"HN0000100",2025-07,BHXH,5\n'],
    ['obligations', 'employer,period,fund,amount\n\nHN0000100,2025-07,BHXH,5\n'],
    ['payments', 'employer,date,amount,reference\nHN0000100,2025-02-30,5,R\n'],
    ['payments', 'employer,date,amount,reference\nHN0000100,2025-02-03,0,R\n'],
    ['payments', 'employer,date,amount,reference\nHN0000100,2025-02-03,-5,R\n'],
    ['payments', 'employer,date,amount,reference\nHN0000100,2025-02-03,5,\n'],
    ['payments', 'employer,date,amount,reference\nHN0000100,2025-02-03,5, R\n'],
    ['payments', 'employer,date,amount,reference\nHN0000100,2025-02-03,5,"R,1"\n'],
    ['payments', 'employer,date,amount,reference\nHN0000100,2025-02-03,5,R\\1\n'],
    ['payments', ''],
  ])('leaves to the staged import a %s file it cannot vouch for: %j', async (kind, text) => {
    await expect(convert(kind, text)).rejects.toBeInstanceOf(NotDirect);
  });
});
