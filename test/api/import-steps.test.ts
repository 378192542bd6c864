import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { undoInterruptedImports } from '../../src/ledger-files/stepped.js';
import { login, startTestApp, type Agent, type TestContext } from '../support/app.js';

/**
 * On the embedded database a clean bulk file is applied in steps of a few thousand rows (stepped.ts), so that requests are
 * answered between them. The file is still in the ledger whole or not at all: a crash between steps leaves a pending
 * row, and the next start takes the applied rows out. (PostgreSQL keeps the one transaction: its pool serves requests
 * on other connections meanwhile.)
 */
describe('stepped imports on the embedded database', () => {
  let t: TestContext;
  let hni: Agent;
  beforeAll(async () => {
    t = await startTestApp('pglite');
    hni = await login(t.app, 'gd.hni');
    const employers = await hni.request(
      'POST',
      '/api/imports/employers?fileName=employers.csv',
      `code,tax_code,name,province,office,ownership,headcount,status,payment_cycle
HN0000300,0107000300,Công ty TNHH Cơ khí Thăng Long,HNI,HNI-01,private,40,active,1
HN0000301,0107000301,Công ty Cổ phần Dệt Minh Khai,HNI,HNI-02,private,25,active,1
`,
      { 'content-type': 'text/csv' },
    );
    expect(employers.statusCode).toBe(200);
  }, 300_000);
  afterAll(() => t.close());

  const db = () => t.database.handle.db;
  const count = async (table: 'payment' | 'import_batch' | 'import_pending') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const stages = async () =>
    (
      await sql<{ name: string }>`
    SELECT tablename AS name FROM pg_tables WHERE tablename LIKE 'import\\_stage\\_%' ORDER BY 1`.execute(db())
    ).rows.map((r) => r.name);

  it('applies a file of several steps whole, records it once, and leaves no stage or pending row', async () => {
    const before = await count('payment');
    const lines = ['employer,date,amount,reference'];
    for (let i = 0; i < 45_000; i++)
      lines.push(`HN000030${i % 2},2025-08-${String(1 + (i % 28)).padStart(2, '0')},${1000 + (i % 97)},S-${i}`);
    const response = await hni.request('POST', '/api/imports/payments?fileName=payments.csv', `${lines.join('\n')}\n`, {
      'content-type': 'text/csv',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'imported', rows: 45_000, inserted: 45_000 });
    expect(await count('payment')).toBe(before + 45_000);
    expect(
      await db().selectFrom('import_batch').select('rows').where('file_name', '=', 'payments.csv').execute(),
    ).toEqual([{ rows: 45_000 }]);
    expect(await count('import_pending')).toBe(0);
    expect(await stages()).toEqual([]);
    // The positions were recomputed from the whole file.
    const paid = await db()
      .selectFrom('payment as p')
      .innerJoin('employer as e', 'e.id', 'p.employer_id')
      .select((eb) => eb.fn.count('p.id').as('n'))
      .where('e.code', '=', 'HN0000300')
      .where('p.reference', 'like', 'S-%')
      .executeTakeFirstOrThrow();
    expect(Number(paid.n)).toBe(22_500);
  });

  it('takes out at the next start the steps a crash left applied, and drops the stages of killed imports', async () => {
    const before = await count('payment');
    const batches = await count('import_batch');
    // What a process killed part-way leaves: the stage, its first 20,000 rows in the ledger, the
    // pending row saying so; and the stage of another import killed while it was still loading.
    await t.database.handle.exec(`
      CREATE TABLE import_stage_crashed AS SELECT employer_id, paid_on, amount, reference FROM payment WITH NO DATA;
      ALTER TABLE import_stage_crashed ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        ADD UNIQUE (employer_id, reference);
      INSERT INTO import_stage_crashed (employer_id, paid_on, amount, reference)
        SELECT e.id, DATE '2025-09-02', 5000, 'K-' || g FROM employer e, generate_series(1, 15000) g
        WHERE e.code IN ('HN0000300', 'HN0000301');
      INSERT INTO payment (employer_id, paid_on, amount, reference)
        SELECT employer_id, paid_on, amount, reference FROM import_stage_crashed WHERE seq <= 20000;
      INSERT INTO import_pending (stage, kind, applied_through) VALUES ('import_stage_crashed', 'payments', 20000);
      CREATE UNLOGGED TABLE import_stage_killed (line integer);
    `);
    expect(await count('payment')).toBe(before + 20_000);

    expect(await undoInterruptedImports(t.database.handle)).toBe(1);
    expect(await count('payment')).toBe(before);
    expect(await count('import_batch')).toBe(batches);
    expect(await count('import_pending')).toBe(0);
    expect(await stages()).toEqual([]);
    // The rows of the earlier, finished import are untouched.
    expect(await db().selectFrom('payment').select('reference').where('reference', '=', 'S-0').execute()).toHaveLength(
      1,
    );
  });

  it('hands a file that repeats a payment reference to the staged import, which names both lines and writes nothing', async () => {
    const before = await count('payment');
    const response = await hni.request(
      'POST',
      '/api/imports/payments?fileName=repeat.csv',
      `employer,date,amount,reference
HN0000300,2025-09-03,1000,R-1
HN0000301,2025-09-03,1000,R-2
HN0000300,2025-09-04,2000,R-1
`,
      { 'content-type': 'text/csv' },
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      expect.objectContaining({ line: 4, code: 'duplicate_reference', message: expect.stringContaining('hàng 2') }),
    ]);
    expect(await count('payment')).toBe(before);
    expect(await count('import_pending')).toBe(0);
    expect(await stages()).toEqual([]);
  });

  it('runs statements on a thread of their own: the event loop turns while one is running', async () => {
    let turns = 0;
    let running = true;
    const spin = () => {
      turns++;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    await sql`SELECT count(*) FROM generate_series(1, 500000) g WHERE g % 7 = 3`.execute(db());
    running = false;
    expect(turns).toBeGreaterThan(100);
  });
});
