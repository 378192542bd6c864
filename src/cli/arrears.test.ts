import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { arrearsCommand } from './arrears.js';

const EMPLOYERS = `code,tax_code,name,province,office,ownership,headcount,status,payment_cycle
B002,0100000002,"Công ty TNHH Hai, Ba",HNI,HNI-01,private,10,active,1
A001,0100000001,Công ty Một,HNI,HNI-01,private,5,active,1
C003,0100000003,Hợp tác xã Ba,HNI,HNI-02,cooperative,3,active,3
`;
const OBLIGATIONS = `employer,period,fund,amount
A001,2025-07,BHXH,10000000
A001,2025-07,BHYT,1800000
B002,2025-07,BHXH,1000
C003,2025-07,BHXH,500000
`;
const PAYMENTS = `employer,date,amount,reference
A001,2025-08-20,1800000,UNC-1
B002,2025-08-31,1000,UNC-2
`;

function folder(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-arrears-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await arrearsCommand(args, { write: (t) => void (out += t) }, { write: (t) => void (err += t) });
  return { code, out, err };
}

describe('dondoc arrears', () => {
  const good = { 'employers.csv': EMPLOYERS, 'obligations.csv': OBLIGATIONS, 'payments.csv': PAYMENTS };

  it('prints one JSON document with every employer sorted by code and the totals', async () => {
    const { code, out, err } = await run(['--data', folder(good), '--as-of', '2025-09-10', '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual(['asOf', 'employers', 'totals']);
    expect(doc.asOf).toBe('2025-09-10');
    expect(doc.employers.map((e: { code: string }) => e.code)).toEqual(['A001', 'B002', 'C003']);
    expect(doc.employers[0]).toEqual({
      code: 'A001', lateAmount: 10_000_000, overdueMonths: 1, band: '1-2', oldestUnpaidPeriod: '2025-07',
      monthsEquivalent: 0.8, charge: 30_000, // 10,000,000 ÷ 11,800,000 due in July
      byFund: {
        BHXH: { late: 10_000_000, charge: 30_000 }, BHTNLD: { late: 0, charge: 0 }, BHTN: { late: 0, charge: 0 },
        BHYT: { late: 0, charge: 0 },
      },
    });
    // A quarterly payer's July is due 2025-10-31: not late yet.
    expect(doc.employers[2]).toMatchObject({ code: 'C003', lateAmount: 0, band: 'none', oldestUnpaidPeriod: null });
    expect(doc.totals).toEqual({ employers: 3, lateEmployers: 1, lateAmount: 10_000_000, charge: 30_000 });
  });

  it('adds a warnings array when an old-regime rate is missing', async () => {
    const dir = folder({ ...good, 'obligations.csv': 'employer,period,fund,amount\nA001,2025-01,BHYT,100000\n' });
    const doc = JSON.parse((await run(['--data', dir, '--as-of', '2025-06-15', '--json'])).out);
    expect(doc.warnings).toEqual(['no old-regime interest rate for BHYT in 2025; that interest is counted as 0']);
  });

  it('refuses bad input with file, line and column, exit code 2 and nothing on stdout', async () => {
    const dir = folder({
      ...good,
      'obligations.csv': `employer,period,fund,amount
A001,2025-13,BHXH,100
Z999,2025-07,BHXH,100
A001,2025-07,BHXX,100
A001,2025-08,BHXH,12.5
A001,2025-08,BHYT,5
A001,2025-08,BHYT,6
`,
      'payments.csv': 'employer,date,amount,reference\nA001,2025-02-30,100,X\nA001,2025-03-01,0,Y\n',
    });
    const { code, out, err } = await run(['--data', dir, '--as-of', '2025-09-10', '--json']);
    expect(code).toBe(2);
    expect(out).toBe('');
    const lines = err.trim().split('\n');
    expect(lines).toEqual([
      'obligations.csv:2:2 (period): "2025-13" is not a month in the form YYYY-MM',
      'obligations.csv:3:1 (employer): unknown employer "Z999"',
      'obligations.csv:4:3 (fund): "BHXX" is not one of BHXH, BHTNLD, BHTN, BHYT',
      'obligations.csv:5:4 (amount): "12.5" is not a whole number (amounts are whole VND, without separators)',
      'payments.csv:2:2 (date): "2025-02-30" is not a date in the form YYYY-MM-DD',
      'payments.csv:3:3 (amount): must be greater than 0, got 0',
      'obligations.csv:7: duplicate obligation A001 2025-08 BHYT: already on line 6',
      '7 error(s); nothing was computed',
    ]);
  });

  it('refuses a missing column and a bad --as-of', async () => {
    const dir = folder({ ...good, 'payments.csv': 'employer,date,amount\nA001,2025-08-20,1\n' });
    const missing = await run(['--data', dir, '--as-of', '2025-09-10', '--json']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('payments.csv:1: missing column "reference"');
    const badDate = await run(['--data', folder(good), '--as-of', '10/09/2025', '--json']);
    expect(badDate.code).toBe(2);
    expect(badDate.out).toBe('');
  });
});
