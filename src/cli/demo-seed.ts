import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { DatabaseHandle } from '../db/connection.js';
import { vietnamDate } from '../domain/calendar.js';
import type { RoleCode } from '../domain/organisation.js';
import { foldForSearch } from '../domain/text.js';
import { demoOffices } from '../demo/offices.js';
import { generateDataset, type GeneratorOptions } from '../demo/generator.js';
import { recordAudit } from '../features/audit/queries.js';
import { hashPassword } from '../features/auth/password.js';
import { insertOffice } from '../features/offices/queries.js';
import { insertUser } from '../features/users/queries.js';

export const DEMO_PASSWORD = 'dondoc@2026';
export const DEMO_SEED = 20231213; // the date of dispatch 4208/BHXH-TST

export interface DemoLogin {
  username: string;
  role: RoleCode;
  office: string;
}

export interface DemoSummary {
  offices: number;
  users: number;
  employers: number;
  obligations: number;
  payments: number;
  logins: DemoLogin[];
}

/** Rows of the national office, departments, provinces and grassroots offices, with the demo users on them. */
async function seedOfficesAndUsers(handle: DatabaseHandle) {
  const { db } = handle;
  const ids = new Map<string, number>();
  for (const office of demoOffices()) {
    const parentId = office.parentCode === null ? null : ids.get(office.parentCode)!;
    ids.set(office.code, (await insertOffice(db, { ...office, parentId })).id);
  }

  // One password for every demo account, hashed once: the demo prints it anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const logins: DemoLogin[] = [];
  const user = async (username: string, fullName: string, role: RoleCode, officeCode: string) => {
    await insertUser(db, { username, fullName, passwordHash, role, officeId: ids.get(officeCode)! });
    logins.push({ username, role, office: officeCode });
  };
  await user('admin', 'Quản trị hệ thống', 'national_admin', 'VN');
  await user('banthu', 'Nguyễn Thị Thu', 'collection_board', 'VN-BT');
  await user('thanhtra', 'Trần Văn Kiểm', 'inspection', 'VN-TT');
  await user('truyenthong', 'Lê Thị Hương', 'communication', 'VN-TTT');
  const offices = demoOffices();
  for (const province of offices.filter((o) => o.kind === 'province')) {
    const code = province.code.toLowerCase();
    await user(`gd.${code}`, `Giám đốc ${province.name.replace('Bảo hiểm xã hội ', 'BHXH ')}`, 'province_director', province.code);
    await user(`cb.${code}`, `Cán bộ thu ${province.name.replace('Bảo hiểm xã hội ', 'BHXH ')}`, 'province_officer', province.code);
    const grassroots = offices.find((o) => o.parentCode === province.code && o.kind === 'grassroots');
    if (grassroots) {
      await user(`cb.${grassroots.code.toLowerCase()}`, `Cán bộ ${grassroots.name.replace('Bảo hiểm xã hội ', 'BHXH ')}`,
        'grassroots_officer', grassroots.code);
    }
  }
  return { ids, logins };
}

/**
 * Loads the demo country into an empty database: offices, users, and `employers` employers with `months` months of
 * obligations and payments ending at today's date, generated deterministically from DEMO_SEED. Bulk rows go in by
 * COPY; the whole load is one audit entry.
 */
export async function seedDemo(
  handle: DatabaseHandle,
  clock: Clock,
  options: { employers: number; months: number } = { employers: 20_000, months: 24 },
): Promise<DemoSummary> {
  const { db } = handle;
  const { ids, logins } = await seedOfficesAndUsers(handle);

  const generator: GeneratorOptions = {
    employers: options.employers,
    months: options.months,
    seed: DEMO_SEED,
    asOf: vietnamDate(clock.now()),
  };
  const employerRows: (string | number)[][] = [];
  const obligationRows: (string | number)[][] = [];
  const paymentRows: (string | number)[][] = [];
  let id = 0;
  for (const { employer: e, obligations, payments } of generateDataset(generator)) {
    id++;
    employerRows.push([
      id, e.code, e.taxCode, e.name, e.address, ids.get(e.officeCode)!, ids.get(e.provinceCode)!, e.ownership,
      e.headcount, e.status, e.paymentCycle, foldForSearch(`${e.code} ${e.taxCode} ${e.name}`),
    ]);
    for (const o of obligations) obligationRows.push([id, o.period, o.fund, o.amount]);
    for (const p of payments) paymentRows.push([id, p.date, p.amount, p.reference]);
  }
  await handle.copyRows(
    'employer',
    ['id', 'code', 'tax_code', 'name', 'address', 'office_id', 'province_id', 'ownership', 'headcount', 'status',
      'payment_cycle', 'search_text'],
    employerRows,
  );
  await handle.copyRows('obligation', ['employer_id', 'period', 'fund', 'amount'], obligationRows);
  await handle.copyRows('payment', ['employer_id', 'paid_on', 'amount', 'reference'], paymentRows);
  // The ids were given by the load; new employers continue after them.
  await sql`SELECT setval(pg_get_serial_sequence('employer', 'id'), (SELECT max(id) FROM employer))`.execute(db);
  await seedCollectionPlans(db, Number(generator.asOf.slice(0, 4)), clock.now());
  await sql`ANALYZE`.execute(db);

  const summary = {
    offices: ids.size,
    users: logins.length,
    employers: employerRows.length,
    obligations: obligationRows.length,
    payments: paymentRows.length,
  };
  await recordAudit(db, {
    at: clock.now(), userId: null, action: 'demo.seed', entity: 'database', entityId: null, officeId: ids.get('VN')!,
    after: { ...summary, seed: DEMO_SEED, asOf: generator.asOf },
  });
  return { ...summary, logins };
}

/**
 * Kế hoạch thu of the year for every province and grassroots office: the year's receivable of its employers carried
 * to twelve months, a few percent above or below (by office), rounded to the million as plans are written.
 */
async function seedCollectionPlans(db: DatabaseHandle['db'], year: number, at: Date) {
  const yearPeriods = `${year}-%`;
  // Summed once per office, then rolled up the tree: each obligation is read once, not once per level above it.
  await sql`
    WITH months AS (SELECT count(DISTINCT period) AS n FROM obligation WHERE period LIKE ${yearPeriods}),
    by_office AS (
      SELECT e.office_id, sum(ob.amount) AS due
      FROM obligation ob JOIN employer e ON e.id = ob.employer_id
      WHERE ob.period LIKE ${yearPeriods}
      GROUP BY e.office_id
    )
    INSERT INTO collection_plan (office_id, year, amount, updated_at)
    SELECT u.id, ${year}, round(sum(b.due) * 12.0 / m.n * (0.97 + (u.id % 7) / 100.0), -6), ${at}
    FROM office u
    JOIN office o ON o.path LIKE u.path || '%'
    JOIN by_office b ON b.office_id = o.id
    CROSS JOIN months m
    WHERE u.kind IN ('province', 'grassroots')
    GROUP BY u.id, m.n
    HAVING sum(b.due) > 0`.execute(db);
}

/** True when the database has no office yet: a first start. */
export async function isEmpty(handle: DatabaseHandle): Promise<boolean> {
  return !(await handle.db.selectFrom('office').select('id').limit(1).executeTakeFirst());
}
