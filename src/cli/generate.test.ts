import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FixedClock } from '../clock.js';
import { computeArrears } from '../domain/arrears.js';
import { DEFAULT_RULES, parseRuleSet } from '../domain/rules.js';
import { generateDataset } from '../demo/generator.js';
import { arrearsCommand } from './arrears.js';
import { csvField } from '../ledger-files/csv.js';
import { generateCommand } from './generate.js';

describe('dondoc generate', () => {
  it('quotes only the fields that need it', () => {
    expect(csvField('Số 12, đường Lê Lợi')).toBe('"Số 12, đường Lê Lợi"');
    expect(csvField('Công ty "Sao Mai"')).toBe('"Công ty ""Sao Mai"""');
    expect(csvField(1200)).toBe('1200');
  });

  it('writes a folder that dondoc arrears reads back to the same figures as the generator and engine', async () => {
    const out = mkdtempSync(join(tmpdir(), 'dondoc-generate-'));
    const logs: string[] = [];
    const code = await generateCommand(
      ['--employers', '300', '--months', '18', '--seed', '42', '--out', out, '--as-of', '2026-03-10'],
      new FixedClock(new Date('2026-03-10T00:00:00Z')),
      (l) => logs.push(l),
    );
    expect(code).toBe(0);
    expect(readFileSync(join(out, 'employers.csv'), 'utf8').split('\n')[0]).toBe(
      'code,tax_code,name,province,office,ownership,headcount,status,payment_cycle',
    );

    let json = '';
    let errors = '';
    const status = await arrearsCommand(
      ['--data', out, '--as-of', '2026-03-10', '--json'],
      { write: (t) => void (json += Buffer.from(t).toString()) },
      { write: (t) => void (errors += t) },
    );
    expect(errors).toBe('');
    expect(status).toBe(0);
    const doc = JSON.parse(json);

    const rules = parseRuleSet(DEFAULT_RULES);
    let lateAmount = 0;
    let charge = 0;
    let chargeAccrued = 0;
    let chargePaid = 0;
    let lateEmployers = 0;
    for (const h of generateDataset({ employers: 300, months: 18, seed: 42, asOf: '2026-03-10' })) {
      const r = computeArrears(
        { paymentCycle: h.employer.paymentCycle, obligations: h.obligations, payments: h.payments },
        rules,
        '2026-03-10',
      );
      lateAmount += r.lateAmount;
      charge += r.charge;
      chargeAccrued += r.chargeAccrued;
      chargePaid += r.chargePaid;
      if (r.lateAmount > 0) lateEmployers++;
    }
    expect(doc.totals).toEqual({ employers: 300, lateEmployers, lateAmount, charge, chargeAccrued, chargePaid });
    // Charges get paid under the statutory allocation: the outstanding figure is what accrued less what was paid.
    expect(chargePaid).toBeGreaterThan(0);
    expect(charge).toBe(chargeAccrued - chargePaid);
    expect(lateEmployers).toBeGreaterThan(10);
  });

  it('refuses a bad argument with exit code 2', async () => {
    const logs: string[] = [];
    expect(
      await generateCommand(['--employers', 'many', '--out', '/tmp/x'], new FixedClock(new Date()), (l) =>
        logs.push(l),
      ),
    ).toBe(2);
    expect(logs[0]).toMatch(/--employers must be a whole number/);
  });
});
