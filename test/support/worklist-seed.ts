import { employerColumns } from '../../src/features/employers/service.js';
import type { Db } from '../../src/db/schema.js';
import type { App } from '../../src/http/types.js';
import { refreshLadder } from '../../src/ledger/ladder.js';
import { recomputePositions } from '../../src/ledger/positions.js';
import type { Clock } from '../../src/clock.js';
import { login, startTestApp, type Agent, type TestContext } from './app.js';
import type { DatabaseKind } from './databases.js';
import type { World } from './fixtures.js';

/**
 * A worklist worth filtering, on 15/10/2025, for Vũ Văn Sở (cb.hni01): five more employers of Ba Đình that left
 * 08/2025 unpaid (due 30/09, so late from 01/10 with the monthly letter due by 10/10: all "Cần làm ngay"), four of
 * them over 100 million ₫, beside Nguyễn Hoàng (13.280.000 ₫ late, also due now). Đông Anh's cooperative owes too,
 * assigned to him as well, in the office next door.
 */
export const LATE_EMPLOYERS = [
  { code: 'HN0000101', name: 'Công ty TNHH Thép Hòa Phát Hà Nội', taxCode: '0109000101', amount: 150_000_000 },
  { code: 'HN0000102', name: 'Công ty Cổ phần Dệt may Đông Đô', taxCode: '0109000102', amount: 120_000_000 },
  { code: 'HN0000103', name: 'Công ty TNHH Bánh kẹo Tràng An', taxCode: '0109000103', amount: 110_000_000 },
  { code: 'HN0000104', name: 'Công ty TNHH In Ấn Hà Nội', taxCode: '0109000104', amount: 60_000_000 },
  { code: 'HN0000105', name: 'Công ty TNHH Gốm sứ Bát Tràng', taxCode: '0109000105', amount: 300_000_000 },
] as const;

export async function seedLateEmployers(db: Db, world: World, clock: Clock): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const e of LATE_EMPLOYERS) {
    const row = await db
      .insertInto('employer')
      .values(
        employerColumns(
          {
            code: e.code,
            taxCode: e.taxCode,
            name: e.name,
            address: 'Hà Nội',
            officeId: world.offices.hni01,
            ownership: 'private',
            headcount: 40,
            status: 'active',
            paymentCycle: 1,
          },
          world.offices.hni,
        ),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[e.code] = row.id;
    await db
      .insertInto('obligation')
      .values({ employer_id: row.id, period: '2025-08', fund: 'BHXH', amount: e.amount })
      .execute();
  }
  await db
    .insertInto('obligation')
    .values({ employer_id: world.employers.dongAnh, period: '2025-06', fund: 'BHXH', amount: 40_000_000 })
    .execute();
  await recomputePositions(db, clock);
  await refreshLadder(db, clock);
  await db
    .insertInto('assignment')
    .values(
      [world.employers.nguyenHoang, world.employers.dongAnh, ...Object.values(ids)].map((employerId) => ({
        employer_id: employerId,
        user_id: world.users.hni01Officer,
        responsibility: 'official' as const,
        assigned_from: '2025-10-01',
      })),
    )
    .execute();
  return ids;
}

/** Gốm sứ Bát Tràng (300 million ₫) urged by the officer this morning: its next task is weeks away, not "Cần làm ngay". */
export async function urgeBatTrang(app: App, ids: Record<string, number>): Promise<void> {
  const officer = await login(app, 'cb.hni01');
  const urged = await officer.request('POST', '/api/actions', {
    employerIds: [ids.HN0000105],
    kind: 'urging_letter',
    date: '2025-10-15',
  });
  if (urged.statusCode !== 201) throw new Error(`urging Bát Tràng: ${urged.statusCode} ${urged.body}`);
}

/**
 * The app on `kind` with the late employers above, Bát Tràng urged, and the two who work through them signed in: the
 * officer of Ba Đình (cb.hni01) and the director of Hà Nội (gd.hni).
 */
export async function startLateEmployersApp(
  kind: DatabaseKind,
): Promise<{ t: TestContext; officer: Agent; director: Agent; ids: Record<string, number> }> {
  const t = await startTestApp(kind);
  const ids = await seedLateEmployers(t.database.handle.db, t.world, t.clock);
  await urgeBatTrang(t.app, ids);
  return { t, officer: await login(t.app, 'cb.hni01'), director: await login(t.app, 'gd.hni'), ids };
}
