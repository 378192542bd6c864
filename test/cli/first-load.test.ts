import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { generateCommand } from '../../src/cli/generate.js';
import { importCommand } from '../../src/cli/import.js';
import { recomputePositions } from '../../src/ledger/positions.js';
import { seedDemo } from '../../src/demo/seed.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.js';

/**
 * `dondoc import DIR` into a ledger without employers is one first load: the files are copied raw and checked
 * set-wise, and a problem anywhere in any file leaves nothing of any of them.
 */
const AS_OF = '2026-06-30';
const clock = new FixedClock(new Date(`${AS_OF}T03:00:00Z`));
let folder = '';

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'dondoc-first-load-'));
  const args = ['--employers', '40', '--months', '6', '--seed', '7', '--out', folder, '--as-of', AS_OF];
  expect(await generateCommand(args, clock, () => {})).toBe(0);
});

/** A copy of the generated folder with its files changed by `edit`. */
function variant(edit: (files: Record<string, string>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-first-load-'));
  const files = Object.fromEntries(
    ['employers.csv', 'obligations.csv', 'payments.csv'].map((f) => [f, readFileSync(join(folder, f), 'utf8')]),
  );
  edit(files);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe.each(DATABASE_KINDS)('first load on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedDemo(database.handle, clock, { employers: 0, months: 1 });
  });
  afterAll(() => database?.drop());

  const counts = async () => {
    const { rows } = await sql<{ employer: string; obligation: string; payment: string; batch: string }>`
      SELECT (SELECT count(*) FROM employer) AS employer, (SELECT count(*) FROM obligation) AS obligation,
        (SELECT count(*) FROM payment) AS payment, (SELECT count(*) FROM import_batch) AS batch`.execute(
      database.handle.db,
    );
    return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
  };
  const load = async (dir: string) => {
    const lines: string[] = [];
    const code = await importCommand(database.handle, clock, dir, (line) => lines.push(line));
    return { code, out: lines.join('\n') };
  };
  const empty = { employer: 0, obligation: 0, payment: 0, batch: 0 };

  it('refuses a payments file with an unknown employer, a bad amount and a repeated reference, and keeps nothing', async () => {
    const dir = variant((files) => {
      const lines = files['payments.csv']!.trimEnd().split('\n');
      const [employer, date, , reference] = lines[1]!.split(',');
      lines.push(`NOPE-1,${date},1000,X-1`, `${employer},${date},abc,X-2`, `${employer},${date},500,${reference}`);
      files['payments.csv'] = `${lines.join('\n')}\n`;
    });
    const rows = readFileSync(join(dir, 'payments.csv'), 'utf8').trimEnd().split('\n').length;
    const r = await load(dir);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`payments.csv:${rows - 2}:1 (employer): unknown employer "NOPE-1"`);
    expect(r.out).toContain(`payments.csv:${rows - 1}:3 (amount): "abc" is not an amount`);
    expect(r.out).toMatch(/refused, 3 error\(s\); nothing from .* was imported/);
    expect(await counts()).toEqual(empty);
  });

  it('refuses a repeated obligation found as the keys are built, and keeps nothing', async () => {
    const dir = variant((files) => {
      const first = files['obligations.csv']!.split('\n')[1]!;
      files['obligations.csv'] += `${first}\n`;
    });
    const rows = readFileSync(join(dir, 'obligations.csv'), 'utf8').trimEnd().split('\n').length;
    const r = await load(dir);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`obligations.csv:${rows}:2 (period): duplicate obligation`);
    expect(r.out).toContain('already on line 2');
    expect(await counts()).toEqual(empty);
  });

  it('refuses a payments file in the canonical layout that repeats a reference, and keeps nothing', async () => {
    // Every line is one the direct COPY takes: the repeat shows only as the payment keys are built.
    const dir = variant((files) => {
      const first = files['payments.csv']!.split('\n')[1]!;
      const [employer, , , reference] = first.split(',');
      files['payments.csv'] += `${employer},2026-10-01,1000,${reference}\n`;
    });
    const rows = readFileSync(join(dir, 'payments.csv'), 'utf8').trimEnd().split('\n').length;
    const r = await load(dir);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(new RegExp(`payments\\.csv:${rows}:4 \\(reference\\): .*`));
    expect(r.out).toMatch(/refused, 1 error\(s\); nothing from .* was imported/);
    expect(await counts()).toEqual(empty);
  });

  it('refuses an employer file with an unknown office before reading the ledger, and keeps nothing', async () => {
    const dir = variant((files) => {
      const lines = files['employers.csv']!.trimEnd().split('\n');
      const fields = lines[3]!.split(',');
      fields[4] = 'NO-SUCH-OFFICE';
      lines[3] = fields.join(',');
      files['employers.csv'] = `${lines.join('\n')}\n`;
    });
    const r = await load(dir);
    expect(r.code).toBe(2);
    expect(r.out).toContain('employers.csv:4:5 (office): unknown office "NO-SUCH-OFFICE"');
    expect(await counts()).toEqual(empty);
  });

  it('loads a good folder whole, values in other forms included, with every position, then imports the next day on the usual path', async () => {
    const dir = variant((files) => {
      // A month written 07/2026 and an amount with separators are read by the checked reader.
      const lines = files['obligations.csv']!.trimEnd().split('\n');
      const [employer, period, fund, amount] = lines[1]!.split(',');
      lines[1] = `${employer},${period!.slice(5)}/${period!.slice(0, 4)},${fund},"${Number(amount).toLocaleString('en')}"`;
      files['obligations.csv'] = `${lines.join('\n')}\n`;
    });
    const r = await load(dir);
    expect(r.code, r.out).toBe(0);
    const lines = (f: string) => readFileSync(join(folder, f), 'utf8').trimEnd().split('\n').length - 1;
    expect(await counts()).toEqual({
      employer: 40,
      obligation: lines('obligations.csv'),
      payment: lines('payments.csv'),
      batch: 3,
    });
    const positions = await sql<{ n: string }>`SELECT count(*) AS n FROM arrears_position`.execute(database.handle.db);
    expect(Number(positions.rows[0]!.n)).toBe(40);
    // The keys dropped for the load are back: a repeated obligation is refused by the table.
    await expect(
      sql`INSERT INTO obligation (employer_id, period, fund, amount) SELECT employer_id, period, fund, 1 FROM obligation LIMIT 1`.execute(
        database.handle.db,
      ),
    ).rejects.toThrow(/duplicate key/);

    // The ledger is no longer empty: the next day's payments go through the incremental import.
    const next = mkdtempSync(join(tmpdir(), 'dondoc-first-load-'));
    const code = readFileSync(join(folder, 'employers.csv'), 'utf8').split('\n')[1]!.split(',')[0];
    writeFileSync(join(next, 'payments.csv'), 'employer,date,amount,reference\n');
    appendFileSync(join(next, 'payments.csv'), `${code},2026-07-01,1500000,NEXT-1\n`);
    const again = await load(next);
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain('1 rows, 1 new');
  });
});

describe.each(DATABASE_KINDS)('first load of canonical files on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedDemo(database.handle, clock, { employers: 0, months: 1 });
  });
  afterAll(() => database?.drop());

  /** Every stored position but the instant it was computed, by employer. */
  const stored = async () =>
    (
      await sql<Record<string, unknown>>`SELECT * FROM arrears_position ORDER BY employer_id`.execute(
        database.handle.db,
      )
    ).rows.map(({ computed_at, ...figures }) => figures);

  /** The keys, indexes and references of the tables a first load writes, as the catalogue defines them. */
  const keys = async () =>
    (
      await sql<{ definition: string }>`
        SELECT pg_get_indexdef(indexrelid) AS definition FROM pg_index
        WHERE indrelid IN ('employer'::regclass, 'obligation'::regclass, 'payment'::regclass)
        UNION ALL
        SELECT conrelid::regclass || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
        WHERE conrelid IN ('employer'::regclass, 'obligation'::regclass, 'payment'::regclass)
        ORDER BY 1`.execute(database.handle.db)
    ).rows.map((r) => r.definition);

  it('computes the positions from the files, the same as a recomputation from the database', async () => {
    const before = await keys();
    expect(before.filter((k) => k.includes('UNIQUE INDEX')).length).toBeGreaterThanOrEqual(5);
    const lines: string[] = [];
    expect(await importCommand(database.handle, clock, folder, (line) => lines.push(line))).toBe(0);
    // Suspended for the load (no employer and no ledger row were stored), every one is back.
    expect(await keys()).toEqual(before);
    expect(lines.join('\n')).toContain("40 employers' positions computed from the files");
    const fromFiles = await stored();
    expect(fromFiles).toHaveLength(40);
    // Some late, some not, some with charges: the comparison below is not of zeros.
    expect(fromFiles.some((p) => Number(p.late_amount) > 0 && Number(p.charge_accrued) > 0)).toBe(true);
    expect(fromFiles.some((p) => Number(p.late_amount) === 0)).toBe(true);
    await recomputePositions(database.handle.db, clock);
    expect(await stored()).toEqual(fromFiles);
  });
});
