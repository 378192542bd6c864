import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { LedgerFile } from '../../ledger-files/records.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Columns of the staging table of each file kind; rows arrive there by COPY, already checked field by field. */
export const STAGE_COLUMNS: Record<LedgerFile, Record<string, string>> = {
  employers: {
    line: 'integer', code: 'text', tax_code: 'text', name: 'text', province: 'text', office: 'text', ownership: 'text',
    headcount: 'integer', status: 'text', payment_cycle: 'smallint', search_text: 'text',
  },
  obligations: { line: 'integer', employer: 'text', period: 'text', fund: 'text', amount: 'bigint' },
  payments: { line: 'integer', employer: 'text', paid_on: 'date', amount: 'bigint', reference: 'text' },
};

export async function createStage(db: Db, table: string, kind: LedgerFile) {
  const columns = Object.entries(STAGE_COLUMNS[kind]).map(([name, type]) => `${name} ${type}`).join(', ');
  // Unlogged: the stage lives only for the import, so it need not survive a crash.
  await sql.raw(`CREATE UNLOGGED TABLE ${table} (${columns})`).execute(db);
}

export async function dropStage(db: Db, table: string) {
  await sql.raw(`DROP TABLE IF EXISTS ${table}`).execute(db);
}

export interface StageProblem {
  line: number;
  column: string;
  message: string;
}

const problems = async (db: Db, query: ReturnType<typeof sql<StageProblem>>) => (await query.execute(db)).rows;

/**
 * Checks that need the database or the whole file: unknown codes, keys repeated in the file, conflicts. Every
 * look-up of stored rows is limited to the scope: an employer of another province answers as unknown, and its
 * payments are never described.
 */
export async function checkStage(db: Db, table: string, kind: LedgerFile, scope: string): Promise<StageProblem[]> {
  const t = sql.table(table);
  const inScope = (alias: string) => sql.raw(`${alias}.path LIKE '${scope.replace(/'/g, "''")}%'`);
  if (kind === 'employers') {
    return problems(db, sql<StageProblem>`
      SELECT s.line, 'code' AS column, 'employer code "' || s.code || '" already appears on line ' || f.line AS message
      FROM ${t} s JOIN (SELECT code, min(line) AS line FROM ${t} GROUP BY code) f ON f.code = s.code AND f.line < s.line
      UNION ALL
      SELECT s.line, 'office', 'unknown office "' || coalesce(nullif(s.office, ''), s.province) || '"'
      FROM ${t} s LEFT JOIN office o ON o.code = coalesce(nullif(s.office, ''), s.province)
        AND o.kind IN ('province', 'grassroots') AND ${inScope('o')}
      WHERE o.id IS NULL
      UNION ALL
      SELECT s.line, 'province', 'office "' || o.code || '" is not under province "' || s.province || '"'
      FROM ${t} s JOIN office o ON o.code = coalesce(nullif(s.office, ''), s.province) AND ${inScope('o')}
        JOIN office p ON p.id = CASE o.kind WHEN 'province' THEN o.id ELSE o.parent_id END
      WHERE s.province <> '' AND p.code <> s.province
      UNION ALL
      SELECT s.line, 'tax_code', 'tax code "' || s.tax_code || '" already appears on line ' || f.line
      FROM ${t} s JOIN (SELECT tax_code, min(line) AS line FROM ${t} WHERE status = 'active' AND tax_code <> '' GROUP BY tax_code) f
        ON f.tax_code = s.tax_code AND f.line < s.line
      WHERE s.status = 'active'
      UNION ALL
      -- One active employer per tax code (migration 0010); the holder is named only when it is in scope. A holder
      -- the file itself gives another tax code or status frees the code.
      SELECT s.line, 'tax_code', 'tax code "' || s.tax_code || '" is used by ' ||
        CASE WHEN ${inScope('o')} THEN 'employer ' || e.code || ' (' || e.name || ')' ELSE 'another active employer' END
      FROM ${t} s JOIN employer e ON e.tax_code = s.tax_code AND e.status = 'active' AND e.code <> s.code
        JOIN office o ON o.id = e.office_id
      WHERE s.status = 'active' AND s.tax_code <> ''
        AND NOT EXISTS (SELECT 1 FROM ${t} h WHERE h.code = e.code AND (h.tax_code <> s.tax_code OR h.status <> 'active'))
      UNION ALL
      SELECT s.line, 'code', 'employer "' || s.code || '" is managed by an office outside your scope'
      FROM ${t} s JOIN employer e ON e.code = s.code JOIN office o ON o.id = e.office_id
      WHERE NOT (${inScope('o')})
      ORDER BY 1 LIMIT 1000`);
  }
  const unknownEmployer = sql<StageProblem>`
    SELECT s.line, 'employer' AS column, 'unknown employer "' || s.employer || '"' AS message
    FROM ${t} s LEFT JOIN (employer e JOIN office o ON o.id = e.office_id AND ${inScope('o')}) ON e.code = s.employer
    WHERE e.id IS NULL`;
  if (kind === 'obligations') {
    return problems(db, sql<StageProblem>`
      ${unknownEmployer}
      UNION ALL
      SELECT s.line, 'period', 'duplicate obligation ' || s.employer || ' ' || s.period || ' ' || s.fund ||
        ': already on line ' || f.line
      FROM ${t} s JOIN (SELECT employer, period, fund, min(line) AS line FROM ${t} GROUP BY 1, 2, 3) f
        ON (f.employer, f.period, f.fund) = (s.employer, s.period, s.fund) AND f.line < s.line
      ORDER BY 1 LIMIT 1000`);
  }
  return problems(db, sql<StageProblem>`
    ${unknownEmployer}
    UNION ALL
    SELECT s.line, 'reference', 'reference "' || s.reference || '" is repeated for ' || s.employer || ' (line ' || f.line || ')'
    FROM ${t} s JOIN (SELECT employer, reference, min(line) AS line FROM ${t} GROUP BY 1, 2) f
      ON (f.employer, f.reference) = (s.employer, s.reference) AND f.line < s.line
    UNION ALL
    SELECT s.line, 'reference', 'reference "' || s.reference || '" is already recorded for ' || s.employer ||
      ' with date ' || to_char(p.paid_on, 'YYYY-MM-DD') || ' and amount ' || p.amount
    FROM ${t} s JOIN employer e ON e.code = s.employer JOIN office o ON o.id = e.office_id AND ${inScope('o')}
      JOIN payment p ON p.employer_id = e.id AND p.reference = s.reference
    WHERE p.paid_on <> s.paid_on OR p.amount <> s.amount
    ORDER BY 1 LIMIT 1000`);
}

export interface ApplyResult {
  inserted: number;
  updated: number;
  /** Employers whose arrears positions must be recomputed: their ledger or their payment cycle changed. */
  employerIds: number[];
}

/**
 * Writes the staged rows: employers are inserted or updated by code, obligations by (employer, period, fund),
 * payments added by (employer, reference). Rows equal to what is stored change nothing, so a re-import is a no-op.
 */
export async function applyStage(
  trx: Transaction<Database>, table: string, kind: LedgerFile, at: Date, scope: string,
): Promise<ApplyResult> {
  const t = sql.table(table);
  // checkStage refused every row outside the scope already; the writes hold to it as well, whatever comes before them.
  const inScope = sql.raw(`o.path LIKE '${scope.replace(/'/g, "''")}%'`);
  // Each statement reports its changes per employer, not per row: a national file changes tens of millions of rows.
  const perEmployer = (changes: ReturnType<typeof sql>) => sql<{ id: number; inserted: number; changed: number }>`
    WITH changes AS (${changes})
    SELECT id, count(*) FILTER (WHERE inserted) AS inserted, count(*) AS changed FROM changes GROUP BY id`;
  let query;
  // Employer details do not move arrears, except the payment cycle, which moves deadlines; a new employer has no
  // ledger yet. So of an employers file, only the changed cycles call for a recomputation.
  const cycleChanged = kind === 'employers'
    ? (await sql<{ id: number }>`
        SELECT e.id FROM ${t} s JOIN employer e ON e.code = s.code JOIN office o ON o.id = e.office_id AND ${inScope}
        WHERE e.payment_cycle <> s.payment_cycle`.execute(trx)).rows
    : [];
  if (kind === 'employers') {
    query = perEmployer(sql`
        INSERT INTO employer (code, tax_code, name, office_id, province_id, ownership, headcount, status, payment_cycle,
                              search_text, created_at, updated_at)
        SELECT s.code, s.tax_code, s.name, o.id, CASE o.kind WHEN 'province' THEN o.id ELSE o.parent_id END,
               s.ownership, s.headcount, s.status, s.payment_cycle, s.search_text, ${at}, ${at}
        FROM ${t} s JOIN office o ON o.code = coalesce(nullif(s.office, ''), s.province) AND ${inScope}
        ON CONFLICT (code) DO UPDATE SET
          tax_code = EXCLUDED.tax_code, name = EXCLUDED.name, office_id = EXCLUDED.office_id,
          province_id = EXCLUDED.province_id, ownership = EXCLUDED.ownership, headcount = EXCLUDED.headcount,
          status = EXCLUDED.status, payment_cycle = EXCLUDED.payment_cycle, search_text = EXCLUDED.search_text,
          updated_at = EXCLUDED.updated_at
        WHERE (employer.tax_code, employer.name, employer.office_id, employer.ownership, employer.headcount,
               employer.status, employer.payment_cycle)
          IS DISTINCT FROM (EXCLUDED.tax_code, EXCLUDED.name, EXCLUDED.office_id, EXCLUDED.ownership,
               EXCLUDED.headcount, EXCLUDED.status, EXCLUDED.payment_cycle)
        RETURNING id, (xmax = 0) AS inserted`);
  } else if (kind === 'obligations') {
    query = perEmployer(sql`
        INSERT INTO obligation (employer_id, period, fund, amount)
        SELECT e.id, s.period, s.fund, s.amount
        FROM ${t} s JOIN employer e ON e.code = s.employer JOIN office o ON o.id = e.office_id AND ${inScope}
        ON CONFLICT (employer_id, period, fund) DO UPDATE SET amount = EXCLUDED.amount
        WHERE obligation.amount <> EXCLUDED.amount
        RETURNING employer_id AS id, (xmax = 0) AS inserted`);
  } else {
    query = perEmployer(sql`
        INSERT INTO payment (employer_id, paid_on, amount, reference)
        SELECT e.id, s.paid_on, s.amount, s.reference
        FROM ${t} s JOIN employer e ON e.code = s.employer JOIN office o ON o.id = e.office_id AND ${inScope}
        ON CONFLICT (employer_id, reference) DO NOTHING
        RETURNING employer_id AS id, true AS inserted`);
  }
  const changed = (await query.execute(trx)).rows;
  const inserted = changed.reduce((sum, c) => sum + c.inserted, 0);
  const updated = changed.reduce((sum, c) => sum + c.changed, 0) - inserted;
  return { inserted, updated, employerIds: kind === 'employers' ? cycleChanged.map((c) => c.id) : changed.map((c) => c.id) };
}
