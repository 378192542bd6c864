import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import type { Db } from '../../src/db/schema.js';
import type { Agent, TestContext } from '../support/app.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { startLateEmployersApp } from '../support/worklist-seed.js';

/**
 * The worklist, the employer list and an employer's arrears are kept between requests while the tables they read keep
 * their versions: a write through the app, or straight into the database through another connection (another app
 * process's), shows in the very next answer. On the embedded database, which one process holds, the other writer is
 * the app's own handle, outside its services.
 */
async function otherWriter(t: TestContext): Promise<{ db: Db; close(): Promise<void> }> {
  const handle = t.database.handle;
  if (handle.kind !== 'postgres') return { db: handle.db, close: async () => {} };
  const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(handle.db);
  const url = new URL(inject('postgresUrl'));
  url.pathname = `/${rows[0]!.name}`;
  const other = await openDatabase({ databaseUrl: url.toString() });
  return { db: other.db, close: () => other.close() };
}

interface WorklistItem {
  employer: { id: number; code: string; officeName: string };
  lateAmount: number;
  followUpOn: string | null;
}

describe.each(DATABASE_KINDS)('answers kept between requests on %s', (kind) => {
  let t: TestContext;
  let officer: Agent; // cb.hni01, who follows the late employers of Ba Đình
  let director: Agent; // gd.hni
  let ids: Record<string, number>;
  let other: { db: Db; close(): Promise<void> };

  beforeAll(async () => {
    ({ t, officer, director, ids } = await startLateEmployersApp(kind));
    other = await otherWriter(t);
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  const worklist = async () => (await officer.get('/api/worklist?pageSize=50')).json().items as WorklistItem[];
  const worklistItem = async (code: string) => (await worklist()).find((i) => i.employer.code === code);

  it('shows in the next worklist an action recorded, cancelled, a position moved and an assignment ended', async () => {
    const id = ids.HN0000101!;
    expect(await worklistItem('HN0000101')).toMatchObject({ lateAmount: 150_000_000, followUpOn: null });
    const recorded = await officer.request('POST', '/api/actions', {
      employerIds: [id],
      kind: 'urging_letter',
      date: '2025-10-15',
      followUpOn: '2025-10-25',
    });
    expect(recorded.statusCode).toBe(201);
    expect(await worklistItem('HN0000101')).toMatchObject({ followUpOn: '2025-10-25' });

    await other.db
      .updateTable('enforcement_action')
      .set({ follow_up_on: '2025-10-20' })
      .where('employer_id', '=', id)
      .execute();
    expect(await worklistItem('HN0000101')).toMatchObject({ followUpOn: '2025-10-20' });

    await other.db
      .updateTable('arrears_position')
      .set({ late_amount: 149_000_000 })
      .where('employer_id', '=', id)
      .execute();
    expect(await worklistItem('HN0000101')).toMatchObject({ lateAmount: 149_000_000 });

    const assignments = (await director.get(`/api/employers/${ids.HN0000104}`)).json().assignments;
    expect(await worklistItem('HN0000104')).toBeDefined();
    const ended = await director.request(
      'POST',
      `/api/employers/${ids.HN0000104}/assignments/${assignments[0].id}/end`,
    );
    expect(ended.statusCode).toBe(204);
    expect(await worklistItem('HN0000104')).toBeUndefined();

    await other.db
      .updateTable('assignment')
      .set({ assigned_to: null })
      .where('employer_id', '=', ids.HN0000104!)
      .execute();
    expect(await worklistItem('HN0000104')).toBeDefined();

    await other.db
      .updateTable('office')
      .set({ name: 'BHXH khu vực Ba Đình' })
      .where('id', '=', t.world.offices.hni01)
      .execute();
    expect((await worklistItem('HN0000104'))?.employer.officeName).toBe('BHXH khu vực Ba Đình');
  });

  const search = async (agent: Agent, query: string) => {
    const page = (await agent.get(`/api/employers?${query}`)).json();
    return { total: page.total as number, codes: page.items.map((e: { code: string }) => e.code) as string[], page };
  };

  it('finds an employer by its new name and shows its new figures in the next search', async () => {
    const id = ids.HN0000103!;
    expect((await search(director, 'q=keo%20trang%20an')).codes).toEqual(['HN0000103']);
    const renamed = await director.request('PATCH', `/api/employers/${id}`, { name: 'Công ty TNHH Bánh kẹo Hải Hà' });
    expect(renamed.statusCode).toBe(204);
    expect((await search(director, 'q=keo%20trang%20an')).codes).toEqual([]);
    expect((await search(director, 'q=banh%20keo%20hai%20ha')).codes).toEqual(['HN0000103']);

    await other.db
      .updateTable('employer')
      .set({ name: 'Công ty TNHH Kẹo Tràng Tiền', search_text: 'hn0000103 0109000103 cong ty tnhh keo trang tien' })
      .where('id', '=', id)
      .execute();
    expect((await search(director, 'q=trang%20tien')).codes).toEqual(['HN0000103']);
    expect((await search(director, 'q=hai%20ha')).codes).toEqual([]);

    const amountOf = async () => (await search(director, 'q=HN0000103')).page.items[0].lateAmount as number;
    expect(await amountOf()).toBe(110_000_000);
    await other.db
      .updateTable('arrears_position')
      .set({ late_amount: 100_000_000 })
      .where('employer_id', '=', id)
      .execute();
    expect(await amountOf()).toBe(100_000_000);

    await other.db
      .updateTable('office')
      .set({ name: 'BHXH Hà Nội mới' })
      .where('id', '=', t.world.offices.hni)
      .execute();
    expect((await search(director, 'q=HN0000103')).page.items[0].province.name).toBe('BHXH Hà Nội mới');
  });

  it("counts in an official's employer list an assignment made and one written through another connection", async () => {
    const official = t.world.users.hni01Officer;
    const before = (await search(director, `userId=${official}&pageSize=100`)).codes;
    expect(before).toContain('HN0000102');
    await other.db.deleteFrom('assignment').where('employer_id', '=', ids.HN0000102!).execute();
    expect((await search(director, `userId=${official}&pageSize=100`)).codes).toEqual(
      before.filter((c) => c !== 'HN0000102'),
    );
    const assigned = await director.request('POST', `/api/employers/${ids.HN0000102}/assignments`, {
      userId: official,
      responsibility: 'official',
    });
    expect(assigned.statusCode).toBe(201);
    expect((await search(director, `userId=${official}&pageSize=100`)).codes).toContain('HN0000102');
  });

  it("shows a payment imported, and one written through another connection, in the employer's next arrears", async () => {
    const id = ids.HN0000105!;
    const lateAmount = async () => (await officer.get(`/api/employers/${id}/arrears`)).json().lateAmount as number;
    expect(await lateAmount()).toBe(300_000_000);
    expect(await lateAmount()).toBe(300_000_000);
    const imported = await director.request(
      'POST',
      '/api/imports/payments?fileName=payments.csv',
      'employer,date,amount,reference\nHN0000105,2025-10-14,100000000,UNC-KEPT-1\n',
      { 'content-type': 'text/csv' },
    );
    expect(imported.json()).toMatchObject({ status: 'imported', inserted: 1 });
    expect(await lateAmount()).toBe(200_000_000);

    await other.db
      .insertInto('payment')
      .values({ employer_id: id, paid_on: '2025-10-15', amount: 50_000_000, reference: 'UNC-KEPT-2' })
      .execute();
    expect(await lateAmount()).toBe(150_000_000);
    await other.db.deleteFrom('payment').where('reference', '=', 'UNC-KEPT-2').execute();
    expect(await lateAmount()).toBe(200_000_000);

    await other.db
      .updateTable('obligation')
      .set({ amount: 310_000_000 })
      .where('employer_id', '=', id)
      .where('period', '=', '2025-08')
      .execute();
    expect(await lateAmount()).toBe(210_000_000);
  });
});
