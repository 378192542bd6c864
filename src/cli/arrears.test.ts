import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../domain/periods.js';
import { DEFAULT_RULES } from '../domain/rules.js';
import { readEmployerFile } from '../ledger-files/folder.js';
import { computeInPartitions, folderPaths } from '../ledger-files/partition.js';
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
  const code = await arrearsCommand(
    args,
    { write: (t) => void (out += Buffer.from(t).toString()) },
    { write: (t) => void (err += t) },
  );
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
    const none = { late: 0, charge: 0, chargeAccrued: 0, chargePaid: 0 };
    // The fields in the contract's order, as text.
    expect(out.slice(out.indexOf('{"code":"A001"'), out.indexOf(',{"code":"B002"'))).toBe(
      '{"code":"A001","lateAmount":10000000,"overdueMonths":1,"band":"1-2","daysLate":10,"oldestUnpaidPeriod":"2025-07",' +
        '"monthsEquivalent":0.8,"charge":30000,"chargeAccrued":30000,"chargePaid":0,"byFund":{' +
        '"BHXH":{"late":10000000,"charge":30000,"chargeAccrued":30000,"chargePaid":0},' +
        '"BHTNLD":{"late":0,"charge":0,"chargeAccrued":0,"chargePaid":0},"BHTN":{"late":0,"charge":0,"chargeAccrued":0,"chargePaid":0},' +
        '"BHYT":{"late":0,"charge":0,"chargeAccrued":0,"chargePaid":0}}}',
    );
    // 10,000,000 ÷ 11,800,000 due in July = 0.8 months; 10 days (2025-09-01..09-10) × 0.03%.
    expect(doc.employers[0]).toMatchObject({ code: 'A001', monthsEquivalent: 0.8, byFund: { BHYT: none } });
    // A quarterly payer's July is due 2025-10-31: not late yet.
    expect(doc.employers[2]).toMatchObject({
      code: 'C003',
      lateAmount: 0,
      band: 'none',
      daysLate: 0,
      oldestUnpaidPeriod: null,
    });
    expect(doc.totals).toEqual({
      employers: 3,
      lateEmployers: 1,
      lateAmount: 10_000_000,
      charge: 30_000,
      chargeAccrued: 30_000,
      chargePaid: 0,
    });
  });

  it('prints the same document whether the ledger files follow employers.csv (partitions) or not (full loader)', async () => {
    const inFileOrder = folder({
      'employers.csv': EMPLOYERS,
      'obligations.csv': `employer,period,fund,amount\nB002,2025-07,BHXH,1000\nA001,2025-07,BHXH,10000000\nA001,2025-07,BHYT,1800000\nC003,2025-07,BHXH,500000\n`,
      'payments.csv': `employer,date,amount,reference\nB002,2025-08-31,1000,UNC-2\nA001,2025-08-20,1800000,UNC-1\n`,
    });
    const employers = await readEmployerFile(inFileOrder);
    const notInFileOrder = folder(good);
    // Which way each folder goes.
    const partitions = async (dir: string) =>
      computeInPartitions(folderPaths(dir), employers, DEFAULT_RULES, dayNumber('2025-09-10'));
    expect(await partitions(inFileOrder)).not.toBeNull();
    expect(await partitions(notInFileOrder)).toBeNull();
    const a = await run(['--data', inFileOrder, '--as-of', '2025-09-10', '--json']);
    const b = await run(['--data', notInFileOrder, '--as-of', '2025-09-10', '--json']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(a.out.indexOf('"A001"')).toBeLessThan(a.out.indexOf('"B002"'));
  });

  it('pays each fund\'s charges after its principal by default, and principal only under a "by-period" rule set', async () => {
    // A001 pays 10,036,000 on 2025-09-12: BHXH July (12 days late, 36,000 of charge) and its charge.
    const dir = folder({ ...good, 'payments.csv': `${PAYMENTS}A001,2025-09-12,10036000,UNC-3\n` });
    const doc = JSON.parse((await run(['--data', dir, '--as-of', '2025-09-30', '--json'])).out);
    expect(doc.employers[0]).toMatchObject({
      lateAmount: 0,
      charge: 0,
      chargeAccrued: 36_000,
      chargePaid: 36_000,
      daysLate: 0,
    });
    expect(doc.employers[0].byFund.BHXH).toEqual({ late: 0, charge: 0, chargeAccrued: 36_000, chargePaid: 36_000 });
    const rulesFile = join(dir, 'v1.json');
    writeFileSync(rulesFile, JSON.stringify({ ...DEFAULT_RULES, allocation: 'by-period' }));
    const v1 = JSON.parse((await run(['--data', dir, '--as-of', '2025-09-30', '--json', '--rules', rulesFile])).out);
    // Principal only: the 36,000 stays credit and the charge stays owed.
    expect(v1.employers[0]).toMatchObject({ lateAmount: 0, charge: 36_000, chargeAccrued: 36_000, chargePaid: 0 });
    expect(v1.totals).toMatchObject({ charge: 36_000, chargeAccrued: 36_000, chargePaid: 0 });
  });

  it('prints figures beyond 2^53 exactly, for an employer and in the totals', async () => {
    // Ten months of 999,999,999,999,991 + i đồng each, BHXH, unpaid; B002 adds 1,000 late.
    const months = [
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
    ];
    const obligations = `employer,period,fund,amount\n${months.map((m, i) => `A001,${m},BHXH,${999_999_999_999_991 + i}`).join('\n')}\nB002,2025-07,BHXH,1000\n`;
    const { code, out, err } = await run([
      '--data',
      folder({ ...good, 'obligations.csv': obligations, 'payments.csv': 'employer,date,amount,reference\n' }),
      '--as-of',
      '2026-01-01',
      '--json',
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('{"code":"A001","lateAmount":9999999999999955,');
    expect(out).toContain('"BHXH":{"late":9999999999999955,');
    expect(out).toContain('"totals":{"employers":3,"lateEmployers":2,"lateAmount":10000000000000955,');
    // Days charged at 2026-01-01: January–June from 2025-07-01 (185), then from each deadline's next day.
    const days = [185, 185, 185, 185, 185, 185, 123, 93, 62, 32];
    const units = days.reduce((s, d, i) => s + BigInt(999_999_999_999_991 + i) * BigInt(d), 0n);
    const charge = (units * 6n + 10_000n) / 20_000n;
    expect(out).toContain(
      `"lateAmount":9999999999999955,"overdueMonths":10,"band":"6-11","daysLate":335,"oldestUnpaidPeriod":"2025-01","monthsEquivalent":10,"charge":${charge},"chargeAccrued":${charge},"chargePaid":0,`,
    );
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
      'obligations.csv:2:2 (period): "2025-13" is not a month (write 07/2026 or 2026-07)',
      'obligations.csv:3:1 (employer): unknown employer "Z999"',
      'obligations.csv:4:3 (fund): "BHXX" is not one of BHXH, BHTNLD, BHTN, BHYT',
      'obligations.csv:5:4 (amount): "12.5" is not a whole number of đồng',
      'payments.csv:2:2 (date): "2025-02-30" is not a date (write dd/mm/yyyy or yyyy-mm-dd)',
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
    const rulesFile = join(dir, 'bad.json');
    writeFileSync(rulesFile, JSON.stringify({ ...DEFAULT_RULES, allocation: 'oldest' }));
    const badRules = await run(['--data', folder(good), '--as-of', '2025-09-10', '--json', '--rules', rulesFile]);
    expect(badRules).toEqual({
      code: 2,
      out: '',
      err: `${rulesFile}: rule set: allocation must be "by-fund" or "by-period"\n`,
    });
  });
});
