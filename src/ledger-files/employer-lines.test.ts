import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../clock.js';
import { generateCommand } from '../cli/generate.js';
import { readCanonicalEmployers } from './employer-lines.js';
import { readEmployerRecords } from './folder.js';

const HEADER = 'code,tax_code,name,province,office,ownership,headcount,status,payment_cycle';

function folder(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-employer-lines-'));
  writeFileSync(join(dir, 'employers.csv'), text);
  return dir;
}

describe('employers.csv read from its bytes', () => {
  let generated: string;
  beforeAll(async () => {
    generated = mkdtempSync(join(tmpdir(), 'dondoc-employer-lines-'));
    const code = await generateCommand(
      ['--employers', '300', '--months', '3', '--seed', '7', '--out', generated, '--as-of', '2026-03-10'],
      new FixedClock(new Date('2026-03-10T00:00:00Z')),
      () => {},
    );
    expect(code).toBe(0);
  });

  it('gives the codes and payment cycles the record reader gives, in file order', async () => {
    expect(readFileSync(join(generated, 'employers.csv'), 'utf8').split('\n')[0]).toBe(HEADER);
    const fast = readCanonicalEmployers(join(generated, 'employers.csv'))!;
    const full = await readEmployerRecords(generated);
    expect(full.errors.count).toBe(0);
    expect(fast.employers).toEqual(full.employers.map((e) => ({ code: e.code, paymentCycle: e.paymentCycle })));
    expect(fast.indexOf).toEqual(full.indexOf);
  });

  it('reads a file with a byte-order mark, CRLF line ends and no final line break', () => {
    const read = readCanonicalEmployers(
      join(
        folder(`\uFEFF${HEADER}\r\nDN1,0101234567,Công ty A,HN,,tư nhân,12,active,1\r\nDN2,,B,HN,,,0,absconded,6`),
        'employers.csv',
      ),
    );
    expect(read?.employers).toEqual([
      { code: 'DN1', paymentCycle: 1 },
      { code: 'DN2', paymentCycle: 6 },
    ]);
  });

  it('leaves to the record reader every file it cannot vouch for', () => {
    const line = 'DN1,0101234567,Công ty A,HN,,tư nhân,12,active,1';
    for (const text of [
      `code,name\n${line}`,
      `${HEADER}\n"DN1",0101234567,Công ty A,HN,,tư nhân,12,active,1`,
      `${HEADER}\n DN1,0101234567,Công ty A,HN,,tư nhân,12,active,1`,
      `${HEADER}\n${line}\n\n${line.replace('DN1', 'DN2')}`,
      `${HEADER}\n${line}\n${line}`,
      `${HEADER}\nDN1,0101234567,,HN,,tư nhân,12,active,1`,
      `${HEADER}\nDN1,0101234567,Công ty A,HN,,tư nhân,1.200,active,1`,
      `${HEADER}\nDN1,0101234567,Công ty A,HN,,tư nhân,12,Active,1`,
      `${HEADER}\nDN1,0101234567,Công ty A,HN,,tư nhân,12,active,2`,
      `${HEADER}\nDN1,0101234567,Công ty A,HN,,tư nhân,12,active,1,`,
      '',
    ]) {
      expect(readCanonicalEmployers(join(folder(text), 'employers.csv'))).toBeNull();
    }
  });
});
