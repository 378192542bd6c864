import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { withinScope } from '../db/scope.js';
import type { RuleSet } from '../domain/rules.js';

/**
 * Receivables of a year already summed, by the path of the employers' office, over the offices within `scope`, with
 * the version of the books (ledger_version, bumped in the transaction of every write to obligation or employer) they
 * were summed at. A sum stands while the version does: it is read again, one row, on every call, so a write by any
 * process sharing the database is seen by the next call. Kept per database handle: a transaction's handle has its
 * own, as the version it reads counts its own uncommitted writes.
 */
interface Receivables {
  year: number;
  scope: string;
  version: string;
  byPath: Promise<Map<string, number>>;
}
const summed = new WeakMap<Db, Receivables[]>();
/** Years × scopes kept per database: the trend's years of the country, and the provinces opened apart. */
const SUMS_KEPT = 64;

/**
 * Σ the obligations of the year's periods, by the path of the employers' office, for the offices within `scope`:
 * from the sums kept while the books keep their version, else one pass over the year's obligations.
 */
export async function receivablesByOffice(db: Db, scope: string, year: number): Promise<Map<string, number>> {
  // No row (a database the migration's row was taken from) reads as 'none': the next write to the books makes it again.
  const current = await sql<{ version: string }>`
    SELECT coalesce((SELECT version::text FROM ledger_version WHERE name = 'books'), 'none') AS version`.execute(db);
  const version = current.rows[0]!.version;
  // Sums of an older version never serve again: the version only grows.
  const kept = (summed.get(db) ?? []).filter((s) => s.version === version);
  summed.set(db, kept);
  const held = kept.find((s) => s.year === year && scope.startsWith(s.scope));
  if (held) return held.byPath;
  const entry: Receivables = {
    year,
    scope,
    version,
    // The version is read again in the statement that sums, so the sums are filed under the version of the very rows
    // they read, even when a write committed since the version above was read.
    byPath: sql<{ version: string; path: string | null; receivable: number | null }>`
      SELECT books.version, s.path, s.receivable
      FROM (SELECT coalesce((SELECT version::text FROM ledger_version WHERE name = 'books'), 'none') AS version) books
      LEFT JOIN (
        SELECT o.path, sum(ob.amount)::bigint AS receivable FROM obligation ob JOIN employer e ON e.id = ob.employer_id
        JOIN office o ON o.id = e.office_id
        WHERE ${withinScope('o.path', scope)} AND ob.period LIKE ${`${year}-%`} GROUP BY o.path
      ) s ON true`
      .execute(db)
      .then(({ rows }) => {
        entry.version = rows[0]!.version;
        return new Map(rows.flatMap((r) => (r.path === null ? [] : [[r.path, Number(r.receivable)]])));
      }),
  };
  kept.unshift(entry);
  kept.splice(SUMS_KEPT);
  // A failed sum is not kept: the next call sums again.
  entry.byPath.catch(() => {
    const at = kept.indexOf(entry);
    if (at >= 0) kept.splice(at, 1);
  });
  return entry.byPath;
}

/** The receivable of an office's subtree from the sums by office path; null when none of its offices has any. */
export function receivableWithin(byPath: Map<string, number>, path: string): number | null {
  let receivable: number | null = null;
  for (const [officePath, amount] of byPath) {
    if (officePath.startsWith(path)) receivable = (receivable ?? 0) + amount;
  }
  return receivable;
}

/**
 * Mẫu số của tỷ lệ chậm đóng for an office's subtree and a year, as the rule set says: the amount receivable (Σ the
 * obligations of the year's periods) or the collection plan assigned to the office. Null when there is none. The
 * receivable does not depend on the rule set otherwise: the sums kept serve every rule set that counts it.
 */
export async function lateRatioDenominator(
  db: Db,
  rules: RuleSet,
  office: { id: number; path: string },
  year: number,
): Promise<number | null> {
  if (rules.lateRatioDenominator === 'plan') {
    const plan = await db
      .selectFrom('collection_plan')
      .select('amount')
      .where('office_id', '=', office.id)
      .where('year', '=', year)
      .executeTakeFirst();
    return plan?.amount ?? null;
  }
  return receivableWithin(await receivablesByOffice(db, office.path, year), office.path);
}

/**
 * lateRatioDenominator of several offices (the provinces of the emulation): their receivables from one pass over the
 * year's obligations of the whole country, which then also serves each of them alone.
 */
export async function lateRatioDenominators(
  db: Db,
  rules: RuleSet,
  offices: { id: number; path: string }[],
  year: number,
): Promise<Map<number, number | null>> {
  if (offices.length === 0) return new Map();
  if (rules.lateRatioDenominator === 'plan') {
    const plans = await db
      .selectFrom('collection_plan')
      .select(['office_id', 'amount'])
      .where(
        'office_id',
        'in',
        offices.map((o) => o.id),
      )
      .where('year', '=', year)
      .execute();
    const plan = new Map(plans.map((p) => [p.office_id, p.amount]));
    return new Map(offices.map((o) => [o.id, plan.get(o.id) ?? null]));
  }
  // Every office path starts with '/': this scope holds them all.
  const byPath = await receivablesByOffice(db, '/', year);
  return new Map(offices.map((office) => [office.id, receivableWithin(byPath, office.path)]));
}
