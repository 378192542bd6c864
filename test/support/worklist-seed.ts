import { employerColumns } from '../../src/features/employers/service.js';
import type { Db } from '../../src/db/schema.js';
import { refreshLadder } from '../../src/ledger/ladder.js';
import { recomputePositions } from '../../src/ledger/positions.js';
import type { Clock } from '../../src/clock.js';
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
