import { sql, type Insertable } from 'kysely';
import type { Db, ImportBatchTable } from '../../db/schema.js';
import { withinScope } from '../../db/scope.js';
import type { LedgerFile } from '../../ledger-files/records.js';

/** Columns of the staging table of each file kind; rows arrive there by COPY, already checked field by field. */
export const STAGE_COLUMNS: Record<LedgerFile, Record<string, string>> = {
  employers: {
    line: 'integer',
    code: 'text',
    tax_code: 'text',
    name: 'text',
    province: 'text',
    office: 'text',
    ownership: 'text',
    headcount: 'integer',
    status: 'text',
    payment_cycle: 'smallint',
    search_text: 'text',
  },
  obligations: { line: 'integer', employer: 'text', period: 'text', fund: 'text', amount: 'bigint' },
  payments: { line: 'integer', employer: 'text', paid_on: 'date', amount: 'bigint', reference: 'text' },
};

export async function createStage(db: Db, table: string, kind: LedgerFile) {
  const columns = Object.entries(STAGE_COLUMNS[kind])
    .map(([name, type]) => `${name} ${type}`)
    .join(', ');
  // Unlogged: the stage lives only for the import, so it need not survive a crash.
  await sql.raw(`CREATE UNLOGGED TABLE ${table} (${columns})`).execute(db);
}

export async function dropStage(db: Db, table: string) {
  await sql.raw(`DROP TABLE IF EXISTS ${table}`).execute(db);
}

/** A problem the database checks found: its row, column, code (import-messages.ts) and the values it names. */
export interface StageProblem {
  line: number;
  column: string;
  code:
    | 'duplicate_code'
    | 'unknown_office'
    | 'office_not_in_province'
    | 'duplicate_tax_code'
    | 'tax_code_held'
    | 'tax_code_held_elsewhere'
    | 'out_of_scope'
    | 'unknown_employer'
    | 'duplicate_obligation'
    | 'duplicate_reference'
    | 'reference_conflict';
  value: string;
  other: string | null;
}

/** At most this many problems are listed; the count covers all of them. */
const LISTED = 1000;

/**
 * Checks that need the database or the whole file: unknown codes, keys repeated in the file, conflicts. Every
 * look-up of stored rows is limited to the scope: an employer of another province answers as unknown, and its
 * payments are never described. Answers the first problems by row, and how many there are in all.
 */
export async function checkStage(
  db: Db,
  table: string,
  kind: LedgerFile,
  scope: string,
): Promise<{ problems: StageProblem[]; total: number }> {
  const t = sql.table(table);
  const inScope = (alias: string) => withinScope(`${alias}.path`, scope);
  let union;
  if (kind === 'employers') {
    union = sql`
      SELECT s.line, 'code' AS column, 'duplicate_code' AS code, s.code AS value, f.line::text AS other
      FROM ${t} s JOIN (SELECT code, min(line) AS line FROM ${t} GROUP BY code) f ON f.code = s.code AND f.line < s.line
      UNION ALL
      SELECT s.line, 'office', 'unknown_office', coalesce(nullif(s.office, ''), s.province), NULL
      FROM ${t} s LEFT JOIN office o ON o.code = coalesce(nullif(s.office, ''), s.province)
        AND o.kind IN ('province', 'grassroots') AND ${inScope('o')}
      WHERE o.id IS NULL
      UNION ALL
      SELECT s.line, 'province', 'office_not_in_province', s.province, o.code
      FROM ${t} s JOIN office o ON o.code = coalesce(nullif(s.office, ''), s.province) AND ${inScope('o')}
        JOIN office p ON p.id = CASE o.kind WHEN 'province' THEN o.id ELSE o.parent_id END
      WHERE s.province <> '' AND p.code <> s.province
      UNION ALL
      SELECT s.line, 'tax_code', 'duplicate_tax_code', s.tax_code, f.line::text
      FROM ${t} s JOIN (SELECT tax_code, min(line) AS line FROM ${t} WHERE status = 'active' AND tax_code <> '' GROUP BY tax_code) f
        ON f.tax_code = s.tax_code AND f.line < s.line
      WHERE s.status = 'active'
      UNION ALL
      -- One active employer per tax code (migration 0010); the holder is named only when it is in scope. A holder
      -- the file itself gives another tax code or status frees the code.
      SELECT s.line, 'tax_code',
        CASE WHEN ${inScope('o')} THEN 'tax_code_held' ELSE 'tax_code_held_elsewhere' END, s.tax_code,
        CASE WHEN ${inScope('o')} THEN e.code || ' (' || e.name || ')' END
      FROM ${t} s JOIN employer e ON e.tax_code = s.tax_code AND e.status = 'active' AND e.code <> s.code
        JOIN office o ON o.id = e.office_id
      WHERE s.status = 'active' AND s.tax_code <> ''
        AND NOT EXISTS (SELECT 1 FROM ${t} h WHERE h.code = e.code AND (h.tax_code <> s.tax_code OR h.status <> 'active'))
      UNION ALL
      SELECT s.line, 'code', 'out_of_scope', s.code, NULL
      FROM ${t} s JOIN employer e ON e.code = s.code JOIN office o ON o.id = e.office_id
      WHERE NOT (${inScope('o')})`;
  } else {
    const unknownEmployer = sql`
      SELECT s.line, 'employer' AS column, 'unknown_employer' AS code, s.employer AS value, NULL AS other
      FROM ${t} s LEFT JOIN (employer e JOIN office o ON o.id = e.office_id AND ${inScope('o')}) ON e.code = s.employer
      WHERE e.id IS NULL`;
    union =
      kind === 'obligations'
        ? sql`
        ${unknownEmployer}
        UNION ALL
        SELECT s.line, 'period', 'duplicate_obligation', s.employer || ' ' || s.period || ' ' || s.fund, f.line::text
        FROM ${t} s JOIN (SELECT employer, period, fund, min(line) AS line FROM ${t} GROUP BY 1, 2, 3) f
          ON (f.employer, f.period, f.fund) = (s.employer, s.period, s.fund) AND f.line < s.line`
        : sql`
        ${unknownEmployer}
        UNION ALL
        SELECT s.line, 'reference', 'duplicate_reference', s.reference, s.employer || '|' || f.line
        FROM ${t} s JOIN (SELECT employer, reference, min(line) AS line FROM ${t} GROUP BY 1, 2) f
          ON (f.employer, f.reference) = (s.employer, s.reference) AND f.line < s.line
        UNION ALL
        SELECT s.line, 'reference', 'reference_conflict', s.reference,
          s.employer || '|' || to_char(p.paid_on, 'YYYY-MM-DD') || '|' || p.amount
        FROM ${t} s JOIN employer e ON e.code = s.employer JOIN office o ON o.id = e.office_id AND ${inScope('o')}
          JOIN payment p ON p.employer_id = e.id AND p.reference = s.reference
        WHERE p.paid_on <> s.paid_on OR p.amount <> s.amount`;
  }
  const rows = (
    await sql<StageProblem & { total: string | number }>`
    SELECT u.*, count(*) OVER () AS total FROM (${union}) u ORDER BY u.line, u.column LIMIT ${LISTED}`.execute(db)
  ).rows;
  return {
    problems: rows.map(({ total: _total, ...p }) => ({ ...p, line: Number(p.line) })),
    total: rows.length > 0 ? Number(rows[0]!.total) : 0,
  };
}

/** What a checked file would do, row by row: added, changed or left as it is (a dry run). */
export interface StagePreview {
  inserted: number;
  updated: number;
  unchanged: number;
  /** The first rows that would be added or changed, in file order. */
  examples: {
    line: number;
    status: 'new' | 'changed';
    key: string;
    before: string | number | null;
    after: string | number;
  }[];
}

const EXAMPLES = 50;

/** Compares the staged rows with the stored ones, as applyStage would write them, and writes nothing. */
export async function previewStage(db: Db, table: string, kind: LedgerFile, scope: string): Promise<StagePreview> {
  const t = sql.table(table);
  const inScope = withinScope('o.path', scope);
  let compared;
  if (kind === 'employers') {
    compared = sql`
      SELECT s.line, s.code AS key,
        CASE WHEN e.id IS NULL THEN 'new'
             WHEN (e.tax_code, e.name, e.office_id, e.ownership, e.headcount, e.status, e.payment_cycle)
                  IS DISTINCT FROM (s.tax_code, s.name, o.id, s.ownership, s.headcount, s.status, s.payment_cycle)
             THEN 'changed' ELSE 'unchanged' END AS status,
        CASE WHEN e.id IS NOT NULL THEN concat_ws(' · ', e.name, e.tax_code, eo.code, e.headcount, e.status, e.payment_cycle) END AS before,
        concat_ws(' · ', s.name, s.tax_code, o.code, s.headcount, s.status, s.payment_cycle) AS after
      FROM ${t} s JOIN office o ON o.code = coalesce(nullif(s.office, ''), s.province) AND ${inScope}
        LEFT JOIN employer e ON e.code = s.code LEFT JOIN office eo ON eo.id = e.office_id`;
  } else if (kind === 'obligations') {
    compared = sql`
      SELECT s.line, s.employer || ' · ' || s.period || ' · ' || s.fund AS key,
        CASE WHEN b.amount IS NULL THEN 'new' WHEN b.amount <> s.amount THEN 'changed' ELSE 'unchanged' END AS status,
        b.amount AS before, s.amount AS after
      FROM ${t} s JOIN employer e ON e.code = s.employer JOIN office o ON o.id = e.office_id AND ${inScope}
        LEFT JOIN obligation b ON (b.employer_id, b.period, b.fund) = (e.id, s.period, s.fund)`;
  } else {
    compared = sql`
      SELECT s.line, s.employer || ' · ' || to_char(s.paid_on, 'YYYY-MM-DD') || ' · ' || s.reference AS key,
        CASE WHEN b.id IS NULL THEN 'new' ELSE 'unchanged' END AS status, NULL::bigint AS before, s.amount AS after
      FROM ${t} s JOIN employer e ON e.code = s.employer JOIN office o ON o.id = e.office_id AND ${inScope}
        LEFT JOIN payment b ON (b.employer_id, b.reference) = (e.id, s.reference)`;
  }
  const rows = (
    await sql<{
      line: number;
      status: 'new' | 'changed' | 'unchanged';
      key: string;
      before: string | number | null;
      after: string | number;
      n: string | number;
      listed: boolean;
    }>`
    WITH c AS (${compared}),
      counts AS (SELECT status, count(*) AS n FROM c GROUP BY status),
      firsts AS (SELECT * FROM c WHERE status <> 'unchanged' ORDER BY line LIMIT ${EXAMPLES})
    SELECT NULL::integer AS line, status, NULL AS key, NULL AS before, NULL AS after, n, false AS listed FROM counts
    UNION ALL
    SELECT line, status, key, before::text, after::text, 0, true FROM firsts`.execute(db)
  ).rows;
  const count = (status: string) => Number(rows.find((r) => !r.listed && r.status === status)?.n ?? 0);
  const numeric = kind !== 'employers';
  return {
    inserted: count('new'),
    updated: count('changed'),
    unchanged: count('unchanged'),
    examples: rows
      .filter((r) => r.listed)
      .map((r) => ({
        line: Number(r.line),
        status: r.status as 'new' | 'changed',
        key: r.key,
        before: r.before === null ? null : numeric ? Number(r.before) : r.before,
        after: numeric ? Number(r.after) : r.after,
      }))
      .sort((a, b) => a.line - b.line),
  };
}

export interface ApplyResult {
  inserted: number;
  updated: number;
  /** Employers whose arrears positions must be recomputed: their ledger or their payment cycle changed. */
  employerIds: number[];
}

/** An employer already stored takes the file's details; one whose details are the same is left as it is. */
const EMPLOYER_UPDATES = sql`ON CONFLICT (code) DO UPDATE SET
          tax_code = EXCLUDED.tax_code, name = EXCLUDED.name, office_id = EXCLUDED.office_id,
          province_id = EXCLUDED.province_id, ownership = EXCLUDED.ownership, headcount = EXCLUDED.headcount,
          status = EXCLUDED.status, payment_cycle = EXCLUDED.payment_cycle, search_text = EXCLUDED.search_text,
          updated_at = EXCLUDED.updated_at
        WHERE (employer.tax_code, employer.name, employer.office_id, employer.ownership, employer.headcount,
               employer.status, employer.payment_cycle)
          IS DISTINCT FROM (EXCLUDED.tax_code, EXCLUDED.name, EXCLUDED.office_id, EXCLUDED.ownership,
               EXCLUDED.headcount, EXCLUDED.status, EXCLUDED.payment_cycle)`;

/**
 * Writes the staged rows: employers are inserted or updated by code, obligations by (employer, period, fund),
 * payments added by (employer, reference). Rows equal to what is stored change nothing, so a re-import is a no-op.
 */
export async function applyStage(
  trx: Db,
  table: string,
  kind: LedgerFile,
  at: Date,
  scope: string,
  /** No employer is stored yet and the table's keys are suspended (suspendKeys): plain inserts, nothing to update. */
  fresh = false,
): Promise<ApplyResult> {
  const t = sql.table(table);
  // checkStage refused every row outside the scope already; the writes hold to it as well, whatever comes before them.
  const inScope = withinScope('o.path', scope);
  // Each statement reports its changes per employer, not per row: a national file changes tens of millions of rows.
  const perEmployer = (changes: ReturnType<typeof sql>) => sql<{ id: number; inserted: number; changed: number }>`
    WITH changes AS (${changes})
    SELECT id, count(*) FILTER (WHERE inserted) AS inserted, count(*) AS changed FROM changes GROUP BY id`;
  let query;
  // Employer details do not move arrears, except the payment cycle, which moves deadlines; a new employer has no
  // ledger yet. So of an employers file, only the changed cycles call for a recomputation.
  const cycleChanged =
    kind === 'employers'
      ? (
          await sql<{ id: number }>`
        SELECT e.id FROM ${t} s JOIN employer e ON e.code = s.code JOIN office o ON o.id = e.office_id AND ${inScope}
        WHERE e.payment_cycle <> s.payment_cycle`.execute(trx)
        ).rows
      : [];
  if (kind === 'employers') {
    query = perEmployer(sql`
        INSERT INTO employer (code, tax_code, name, office_id, province_id, ownership, headcount, status, payment_cycle,
                              search_text, created_at, updated_at)
        SELECT s.code, s.tax_code, s.name, o.id, CASE o.kind WHEN 'province' THEN o.id ELSE o.parent_id END,
               s.ownership, s.headcount, s.status, s.payment_cycle, s.search_text, ${at}, ${at}
        FROM ${t} s JOIN office o ON o.code = coalesce(nullif(s.office, ''), s.province) AND ${inScope}
        ${fresh ? sql`` : EMPLOYER_UPDATES}
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
  return {
    inserted,
    updated,
    employerIds: kind === 'employers' ? cycleChanged.map((c) => c.id) : changed.map((c) => c.id),
  };
}

/** The batch a file of this kind and content was imported as, if it was. */
export function findImportBatch(db: Db, kind: LedgerFile, sha256: string) {
  return db
    .selectFrom('import_batch')
    .select(['rows', 'imported_at'])
    .where('kind', '=', kind)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

export async function insertImportBatch(db: Db, batch: Insertable<ImportBatchTable>) {
  await db.insertInto('import_batch').values(batch).execute();
}

export async function analyze(db: Db, table: 'employer' | 'obligation' | 'payment') {
  await sql`ANALYZE ${sql.table(table)}`.execute(db);
}

/** The code and id of every employer in the scope. */
export function employerCodesInScope(db: Db, scope: string) {
  return db
    .selectFrom('employer as e')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .select(['e.code', 'e.id'])
    .where(withinScope('o.path', scope))
    .execute();
}

/*
 * The first load of a scope (service.ts importFirstLoad): the raw files go by COPY into temporary tables of text
 * columns, one transaction holds the whole load, and the checks run over whole tables rather than row by row.
 */

/** The ledger kinds a first load copies raw, and their stage columns (the `line` of each row is numbered by COPY). */
export const LOAD_COLUMNS = {
  obligations: ['employer', 'period', 'fund', 'amount'],
  payments: ['employer', 'paid_on', 'amount', 'reference'],
} as const;
export type LoadKind = keyof typeof LOAD_COLUMNS;

/** Whether any employer lies in the scope: a first load is only for a scope that has none. */
export async function scopeHasEmployers(db: Db, scope: string): Promise<boolean> {
  const row = await db
    .selectFrom('employer as e')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .select('e.id')
    .where(withinScope('o.path', scope))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Tables a first load may find empty, and then fill before it builds their keys (suspendKeys). */
export type KeyedTable = 'obligation' | 'payment' | 'employer';

/**
 * Whether the tables hold no row at all (the ledger before the country's first load, or no employer yet): their keys
 * and indexes can then be dropped and built after the rows.
 */
export async function tablesAreEmpty(db: Db, tables: readonly KeyedTable[]): Promise<boolean> {
  const any = sql.join(
    tables.map((table) => sql`EXISTS (SELECT 1 FROM ${sql.table(table)})`),
    sql` OR `,
  );
  const { rows } = await sql<{ any: boolean }>`SELECT ${any} AS any`.execute(db);
  return !rows[0]!.any;
}

/**
 * A stage of raw text for one ledger file, dropped at the end of the transaction. A stage filled by the checked reader
 * has the line of each row; one COPY filled has them numbered only when a problem is to be reported
 * (numberStageLines): numbering every row as it is read costs COPY half as much again.
 */
export async function createLoadStage(db: Db, table: string, kind: LoadKind): Promise<void> {
  const columns = LOAD_COLUMNS[kind].map((c) => `${c} text`).join(', ');
  await sql.raw(`CREATE TEMP TABLE ${table} (line bigint, ${columns}) ON COMMIT DROP`).execute(db);
}

export async function emptyLoadStage(db: Db, table: string): Promise<void> {
  await sql.raw(`TRUNCATE ${table}`).execute(db);
}

/** The employers of the scope by code, for the ledger files to refer to: those the load has just added, by id. */
export async function createLoadEmployers(
  db: Db,
  table: string,
  scope: string,
): Promise<{ code: string; id: number }[]> {
  await sql`CREATE TEMP TABLE ${sql.table(table)} ON COMMIT DROP AS
    SELECT e.code, e.id FROM employer e JOIN office o ON o.id = e.office_id WHERE ${withinScope('o.path', scope)}`.execute(
    db,
  );
  await sql.raw(`ALTER TABLE ${table} ADD PRIMARY KEY (code)`).execute(db);
  await sql.raw(`ANALYZE ${table}`).execute(db);
  const { rows } = await sql<{
    code: string;
    id: number;
  }>`SELECT code, id FROM ${sql.table(table)} ORDER BY id`.execute(db);
  return rows;
}

/** A reference as the checked reader leaves it: not empty, trimmed, without a tab, line break or backslash. */
const REFERENCE = sql`s.reference <> '' AND translate(s.reference, chr(9) || chr(10) || chr(13) || chr(92), '') = s.reference
    AND btrim(s.reference, ' ' || chr(160) || chr(8199) || chr(8239) || chr(65279) || chr(12288) || chr(11) || chr(12))
      = s.reference`;

/**
 * The rows that go in as they are: values in the canonical form (what the checked reader writes), tested by the
 * casts, a text form cast back, and the tables' own CHECKs rather than by patterns, which cost as much again as the
 * insert. Anything else — 07/2026, 1.000.000, a date beyond its month, spaces, an empty reference — fails a cast or a
 * CHECK or is left out, and is then the checked reader's to judge.
 */
const CANONICAL = {
  obligations: sql`s.amount::bigint::text = s.amount AND abs(s.amount::bigint) < 1000000000000000`,
  payments: sql`s.paid_on::date::text = s.paid_on AND s.paid_on >= '1900-01-01' AND s.paid_on < '3000'
    AND s.amount::bigint::text = s.amount AND s.amount::bigint < 1000000000000000
    AND ${REFERENCE}`,
};

/**
 * Writes the rows of a stage whose employer is one of the load's, in one statement, and answers how many it wrote.
 * A row it leaves out names an unknown employer or is not in canonical form; a value no cast or CHECK takes fails the
 * statement. Either way the caller has the file checked.
 */
export async function insertFromStage(db: Db, stage: string, employers: string, kind: LoadKind): Promise<number> {
  const [s, e] = [sql.table(stage), sql.table(employers)];
  const result =
    kind === 'obligations'
      ? await sql`INSERT INTO obligation (employer_id, period, fund, amount)
          SELECT e.id, s.period, s.fund, s.amount::bigint FROM ${s} s JOIN ${e} e ON e.code = s.employer
          WHERE ${CANONICAL.obligations}`.execute(db)
      : await sql`INSERT INTO payment (employer_id, paid_on, amount, reference)
          SELECT e.id, s.paid_on::date, s.amount::bigint, s.reference FROM ${s} s JOIN ${e} e ON e.code = s.employer
          WHERE ${CANONICAL.payments}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** The patterns the checked reader's output always matches, for telling a stage of irregular rows (error path only). */
const REGULAR = {
  obligations: sql`s.employer !~ '^[[:space:]]|[[:space:]]$' AND s.period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' AND s.fund IN ('BHXH', 'BHTNLD', 'BHTN', 'BHYT')
    AND s.amount ~ '^-?[1-9][0-9]{0,14}$|^0$'`,
  payments: sql`s.employer !~ '^[[:space:]]|[[:space:]]$' AND s.paid_on ~ '^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
    AND s.amount ~ '^[1-9][0-9]{0,14}$' AND ${REFERENCE}`,
};

/**
 * Numbers the rows of a stage COPY filled as the file's lines, from 2 (the header is line 1): a table filled by one
 * COPY in one transaction holds its rows in the order read. Only a load about to be refused needs the numbers.
 */
export async function numberStageLines(db: Db, stage: string): Promise<void> {
  const t = sql.table(stage);
  await sql`UPDATE ${t} s SET line = n.line
    FROM (SELECT ctid AS row, row_number() OVER (ORDER BY ctid) + 1 AS line FROM ${t}) n WHERE s.ctid = n.row`.execute(
    db,
  );
}

export async function countStage(db: Db, stage: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(stage)}`.execute(db);
  return Number(rows[0]!.n);
}

/** Whether a stage of raw text holds a row not in the canonical form. */
export async function hasIrregularRows(db: Db, stage: string, kind: LoadKind): Promise<boolean> {
  const { rows } =
    await sql`SELECT 1 FROM ${sql.table(stage)} s WHERE NOT coalesce(${REGULAR[kind]}, false) LIMIT 1`.execute(db);
  return rows.length > 0;
}

/**
 * The set-wise checks of a ledger stage in a first load: employers that are not the load's (none of the scope is
 * stored before it), and keys the file repeats. The first problems by row, and how many there are in all.
 */
export async function checkLoadStage(
  db: Db,
  stage: string,
  employers: string,
  kind: LoadKind,
): Promise<{ problems: StageProblem[]; total: number }> {
  const [t, e] = [sql.table(stage), sql.table(employers)];
  const unknown = sql`
    SELECT s.line, 'employer' AS column, 'unknown_employer' AS code, s.employer AS value, NULL AS other
    FROM ${t} s WHERE NOT EXISTS (SELECT 1 FROM ${e} e WHERE e.code = s.employer)`;
  const repeated =
    kind === 'obligations'
      ? sql`
        SELECT s.line, 'period', 'duplicate_obligation', s.employer || ' ' || s.period || ' ' || s.fund, f.line::text
        FROM ${t} s JOIN (SELECT employer, period, fund, min(line) AS line FROM ${t} GROUP BY 1, 2, 3 HAVING count(*) > 1) f
          ON (f.employer, f.period, f.fund) = (s.employer, s.period, s.fund) AND f.line < s.line`
      : sql`
        SELECT s.line, 'reference', 'duplicate_reference', s.reference, s.employer || '|' || f.line
        FROM ${t} s JOIN (SELECT employer, reference, min(line) AS line FROM ${t} GROUP BY 1, 2 HAVING count(*) > 1) f
          ON (f.employer, f.reference) = (s.employer, s.reference) AND f.line < s.line`;
  const rows = (
    await sql<StageProblem & { total: string | number }>`
    SELECT u.*, count(*) OVER () AS total FROM (${unknown} UNION ALL ${repeated}) u
    ORDER BY u.line, u.column LIMIT ${LISTED}`.execute(db)
  ).rows;
  return {
    problems: rows.map(({ total: _total, ...p }) => ({ ...p, line: Number(p.line) })),
    total: rows.length > 0 ? Number(rows[0]!.total) : 0,
  };
}

/** What it takes to put back the keys, indexes and references of tables once they are loaded. */
export interface SuspendedKeys {
  /** ALTER TABLE … ADD CONSTRAINT and CREATE INDEX statements, in the order they are to run. */
  restore: string[];
}

/**
 * Drops the keys, indexes and foreign keys of empty tables, in the load's transaction: obligation and payment, whose
 * tens of millions of rows then go in without an index entry or a reference check each, or employer, whose half a
 * million would otherwise make seven index entries each. Every index is built once from sorted rows at the end. Keys
 * another table refers to stay. Answers the statements that put them all back.
 */
export async function suspendKeys(db: Db, tables: readonly KeyedTable[]): Promise<SuspendedKeys> {
  const { rows } = await sql<{ relation: string; name: string; kind: string; definition: string; constraint: boolean }>`
    WITH t AS (SELECT unnest(${[...tables]}::regclass[]) AS oid)
    SELECT c.conrelid::regclass::text AS relation, c.conname AS name, c.contype AS kind,
      pg_get_constraintdef(c.oid) AS definition, true AS constraint
    FROM pg_constraint c
    WHERE c.conrelid IN (SELECT oid FROM t) AND c.contype IN ('p', 'u', 'f')
      AND NOT EXISTS (SELECT 1 FROM pg_constraint r WHERE r.contype = 'f' AND r.conindid = c.conindid
        AND r.conrelid NOT IN (SELECT oid FROM t) AND c.contype <> 'f')
    UNION ALL
    SELECT i.indrelid::regclass::text, x.relname, 'i', pg_get_indexdef(i.indexrelid), false
    FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
    WHERE i.indrelid IN (SELECT oid FROM t)
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`.execute(db);
  const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
  // References go first (they lean on keys), then the keys; back in the opposite order.
  const order = (kind: string) => ({ f: 0, i: 1, u: 2, p: 3 })[kind] ?? 4;
  const dropped = [...rows].sort((a, b) => order(a.kind) - order(b.kind));
  for (const r of dropped) {
    await sql
      .raw(r.constraint ? `ALTER TABLE ${r.relation} DROP CONSTRAINT ${ident(r.name)}` : `DROP INDEX ${ident(r.name)}`)
      .execute(db);
  }
  return {
    restore: dropped
      .reverse()
      .map((r) =>
        r.constraint ? `ALTER TABLE ${r.relation} ADD CONSTRAINT ${ident(r.name)} ${r.definition}` : r.definition,
      ),
  };
}

/**
 * Sort memory for the rest of the transaction, for the keys a load rebuilds: each index is built by sorting tens of
 * millions of rows, and with this much memory the server sorts in fewer passes and gives the sort a worker per core
 * (each needs 32 MB of it).
 */
export async function widenIndexSorts(db: Db): Promise<void> {
  await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(db);
}

export async function restoreKeys(db: Db, keys: SuspendedKeys): Promise<void> {
  for (const statement of keys.restore) await sql.raw(statement).execute(db);
}

/** A savepoint of the load's transaction, to try a statement whose failure is to be explained, not fatal. */
export async function savepoint(
  db: Db,
  name: string,
  action: 'SAVEPOINT' | 'ROLLBACK TO SAVEPOINT' | 'RELEASE SAVEPOINT',
) {
  await sql.raw(`${action} ${name}`).execute(db);
}
