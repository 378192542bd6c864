import { sql, type Insertable, type Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { DatabaseHandle } from '../db/connection.js';
import type { ArrearsPositionTable, Database } from '../db/schema.js';
import { ENGINE_VERSION, type EmployerLedger } from '../domain/arrears.js';
import { vietnamDate } from '../domain/calendar.js';
import { FUNDS, type Day } from '../domain/ledger.js';
import { dayFromNumber, periodFromIndex } from '../domain/periods.js';
import type { RuleSet } from '../domain/rules.js';
import type { Positions } from '../ledger-files/partition.js';
import { positionsOnThread } from './engine-thread.js';
import { decodeLedger, type LedgerText } from './ledger-text.js';
import { ruleSetAt } from './rule-sets.js';

/**
 * The ledgers of some employers in one query, as text (ledger-text.ts): each employer's obligations and payments come
 * as one JSON text of a few column arrays (periods, funds, amounts…), which JSON.parse (native) turns into arrays,
 * instead of a row object per obligation (a day's payments from 1% of a national file touch 5,000 employers and
 * 800,000 rows), or a JSON array per obligation, whose building and passing on cost the embedded database three times
 * the time of the columns (the 4,270 ledgers of a province of the demo: 2.6 s of CPU as arrays per row, 0.9 s as
 * columns).
 */
export async function loadLedgerTexts(db: Kysely<Database>, employerIds: number[]): Promise<LedgerText[]> {
  if (employerIds.length === 0) return [];
  // Text, not json: the driver would build the arrays where the embedded database runs and copy them across threads.
  const { rows } = await sql<LedgerText>`
    SELECT e.id, e.payment_cycle,
      (SELECT json_build_array(array_agg(o.period), array_agg(o.fund), array_agg(o.amount))::text
         FROM obligation o WHERE o.employer_id = e.id) AS obligations,
      (SELECT json_build_array(array_agg(p.paid_on ORDER BY p.paid_on, p.id), array_agg(p.amount ORDER BY p.paid_on, p.id),
              array_agg(p.reference ORDER BY p.paid_on, p.id))::text
         FROM payment p WHERE p.employer_id = e.id) AS payments
    FROM employer e WHERE e.id = ANY(${employerIds})`.execute(db);
  return rows;
}

/**
 * Ledgers decoded or computed between two turns of the event loop, where a caller works on them on the thread that
 * answers requests: a request that came in meanwhile waits for 25 ledgers at most, not for a batch of thousands.
 */
export const TURN = 25;

/** Lets the event loop answer what came in before the work goes on. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The ledgers of some employers, decoded on this thread (an employer's page, a request's own computation). */
export async function loadLedgers(db: Kysely<Database>, employerIds: number[]): Promise<Map<number, EmployerLedger>> {
  const ledgers = new Map<number, EmployerLedger>();
  for (const [k, r] of (await loadLedgerTexts(db, employerIds)).entries()) {
    if (k > 0 && k % TURN === 0) await nextTurn();
    ledgers.set(r.id, decodeLedger(r));
  }
  return ledgers;
}

const BATCH = 2000;
const WRITE_BATCH = 1000;

/**
 * Recomputes the stored arrears positions at the latest close (today in Việt Nam) for the given employers, or for
 * every employer when none are given, in batches so memory stays flat.
 */
export async function recomputePositions(
  db: Kysely<Database>,
  clock: Clock,
  employerIds?: number[],
): Promise<{ employers: number; asOf: Day }> {
  const asOf = vietnamDate(clock.now());
  const rules = await ruleSetAt(db, asOf);
  const ids = employerIds ?? (await db.selectFrom('employer').select('id').orderBy('id').execute()).map((r) => r.id);
  const recompute = async (batch: number[]) => {
    // Decoded and computed on the engine's thread: a batch is seconds of work on a busy machine.
    const positions = await positionsOnThread(await loadLedgerTexts(db, batch), rules, asOf);
    const now = clock.now();
    const rows: Insertable<ArrearsPositionTable>[] = [];
    for (const [id, r] of positions) {
      const { BHXH, BHTNLD, BHTN, BHYT } = r.byFund;
      rows.push({
        employer_id: id,
        as_of: asOf,
        rule_set_id: rules.id,
        late_amount: r.lateAmount,
        overdue_months: r.overdueMonths,
        band: r.band,
        oldest_unpaid_period: r.oldestUnpaidPeriod,
        months_equivalent: r.monthsEquivalent,
        charge: r.charge,
        charge_accrued: r.chargeAccrued,
        charge_paid: r.chargePaid,
        days_late: r.daysLate,
        credit: r.credit,
        late_bhxh: BHXH.late,
        late_bhtnld: BHTNLD.late,
        late_bhtn: BHTN.late,
        late_bhyt: BHYT.late,
        charge_bhxh: BHXH.charge,
        charge_bhtnld: BHTNLD.charge,
        charge_bhtn: BHTN.charge,
        charge_bhyt: BHYT.charge,
        charge_accrued_bhxh: BHXH.chargeAccrued,
        charge_accrued_bhtnld: BHTNLD.chargeAccrued,
        charge_accrued_bhtn: BHTN.chargeAccrued,
        charge_accrued_bhyt: BHYT.chargeAccrued,
        charge_paid_bhxh: BHXH.chargePaid,
        charge_paid_bhtnld: BHTNLD.chargePaid,
        charge_paid_bhtn: BHTN.chargePaid,
        charge_paid_bhyt: BHYT.chargePaid,
        overdue_deadlines: JSON.stringify(r.overdueDeadlines),
        computed_at: now,
        engine_version: ENGINE_VERSION,
        changes_on: r.changesOn ?? 'infinity',
      });
    }
    // A statement takes at most 65,535 parameters: 33 columns a row, so 1,000 rows a statement.
    for (let i = 0; i < rows.length; i += WRITE_BATCH) await writePositions(db, rows.slice(i, i + WRITE_BATCH));
  };
  // Two batches at a time: on a PostgreSQL server each reads its ledgers on its own connection and core, so the
  // computing of one overlaps the reading of the other. PGlite runs them one after the other.
  for (let i = 0; i < ids.length; i += 2 * BATCH) {
    await Promise.all([recompute(ids.slice(i, i + BATCH)), recompute(ids.slice(i + BATCH, i + 2 * BATCH))]);
  }
  return { employers: ids.length, asOf };
}

/**
 * The employers whose position the close of `day` recomputes: those without one, those computed by an older engine
 * or under another rule set, and those computed before `day` whose day of change has come or is not known. A position
 * computed on `day` already (by an import) is left as it is.
 */
export async function positionsToRecompute(db: Kysely<Database>, day: Day): Promise<number[]> {
  const rules = await ruleSetAt(db, day);
  const { rows } = await sql<{ id: number }>`
    SELECT e.id FROM employer e LEFT JOIN arrears_position ap ON ap.employer_id = e.id
    WHERE ap.employer_id IS NULL OR ap.engine_version < ${ENGINE_VERSION} OR ap.rule_set_id <> ${rules.id}
       OR ap.as_of > ${day}::date
       OR (ap.as_of < ${day}::date AND (ap.changes_on IS NULL OR ap.changes_on <= ${day}::date))
    ORDER BY e.id`.execute(db);
  return rows.map((r) => r.id);
}

/**
 * Brings the positions no day of change reached forward to `day`: their figures at `day` are those stored. Run after
 * the recomputation, so that a close cut short before it leaves them to the next run.
 */
export async function carryPositionsTo(db: Kysely<Database>, day: Day): Promise<number> {
  const result = await db
    .updateTable('arrears_position')
    .set({ as_of: day })
    .where('as_of', '<', day)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export const POSITION_COLUMNS = [
  'employer_id',
  'as_of',
  'rule_set_id',
  'late_amount',
  'overdue_months',
  'band',
  'oldest_unpaid_period',
  'months_equivalent',
  'charge',
  'charge_accrued',
  'charge_paid',
  'days_late',
  'credit',
  ...FUNDS.map((f) => `late_${f.toLowerCase()}`),
  ...FUNDS.map((f) => `charge_${f.toLowerCase()}`),
  ...FUNDS.map((f) => `charge_accrued_${f.toLowerCase()}`),
  ...FUNDS.map((f) => `charge_paid_${f.toLowerCase()}`),
  'overdue_deadlines',
  'computed_at',
  'engine_version',
  'changes_on',
] as const;

/**
 * Stores positions computed from the files of a first load (ledger-files/partition.ts) for employers that have none
 * yet, by COPY: the rows recomputePositions would write, without reading back the ledgers the load has just written.
 * `ids[i]` is the employer of position i; the positions must hold their overdue deadlines.
 */
export async function storeFilePositions(
  handle: DatabaseHandle,
  clock: Clock,
  ids: readonly number[],
  positions: Positions,
  rules: RuleSet,
  asOf: Day,
): Promise<void> {
  await handle.copyRows('arrears_position', POSITION_COLUMNS, positionRows(ids, positions, rules, asOf, clock.now()));
}

/** The rows of arrears_position (in the order of POSITION_COLUMNS) of positions computed from files. */
export function* positionRows(
  ids: readonly number[],
  positions: Positions,
  rules: RuleSet,
  asOf: Day,
  computedAt: Date,
): Generator<(string | number | null)[]> {
  const { columns: p, exact, overdueDeadlines } = positions;
  if (!overdueDeadlines) throw new Error('positions to store need their overdue deadlines');
  const at = computedAt.toISOString();
  const F = FUNDS.length;
  for (let i = 0; i < ids.length; i++) {
    const big = exact.get(i);
    const perFund = (column: Float64Array, exactOf: (f: (typeof FUNDS)[number]) => bigint) =>
      FUNDS.map((f, k) => String(big ? exactOf(f) : column[i * F + k]!));
    const oldest = p.oldestUnpaid[i]!;
    const monthsEquivalent = p.monthsEquivalent[i]!;
    const changesOn = p.changesOn[i]!;
    yield [
      ids[i]!,
      asOf,
      rules.id,
      String(big ? big.lateAmount : p.lateAmount[i]!),
      p.overdueMonths[i]!,
      rules.bands[p.band[i]!]!.code,
      oldest < 0 ? null : periodFromIndex(oldest),
      Number.isNaN(monthsEquivalent) ? null : monthsEquivalent,
      String(big ? big.charge : p.charge[i]!),
      String(big ? big.chargeAccrued : p.chargeAccrued[i]!),
      String(big ? big.chargePaid : p.chargePaid[i]!),
      p.daysLate[i]!,
      String(big ? big.credit : p.credit[i]!),
      ...perFund(p.fundLate, (f) => big!.byFund[f].late),
      ...perFund(p.fundCharge, (f) => big!.byFund[f].charge),
      ...perFund(p.fundChargeAccrued, (f) => big!.byFund[f].chargeAccrued),
      ...perFund(p.fundChargePaid, (f) => big!.byFund[f].chargePaid),
      overdueDeadlines[i]!,
      at,
      ENGINE_VERSION,
      changesOn < 0 ? 'infinity' : dayFromNumber(changesOn),
    ];
  }
}

/** Stores computed positions, replacing those of the same employers. */
async function writePositions(db: Kysely<Database>, rows: Insertable<ArrearsPositionTable>[]): Promise<void> {
  await db
    .insertInto('arrears_position')
    .values(rows)
    .onConflict((oc) =>
      oc.column('employer_id').doUpdateSet((eb) => ({
        as_of: eb.ref('excluded.as_of'),
        rule_set_id: eb.ref('excluded.rule_set_id'),
        late_amount: eb.ref('excluded.late_amount'),
        overdue_months: eb.ref('excluded.overdue_months'),
        band: eb.ref('excluded.band'),
        oldest_unpaid_period: eb.ref('excluded.oldest_unpaid_period'),
        months_equivalent: eb.ref('excluded.months_equivalent'),
        charge: eb.ref('excluded.charge'),
        charge_accrued: eb.ref('excluded.charge_accrued'),
        charge_paid: eb.ref('excluded.charge_paid'),
        days_late: eb.ref('excluded.days_late'),
        credit: eb.ref('excluded.credit'),
        late_bhxh: eb.ref('excluded.late_bhxh'),
        late_bhtnld: eb.ref('excluded.late_bhtnld'),
        late_bhtn: eb.ref('excluded.late_bhtn'),
        late_bhyt: eb.ref('excluded.late_bhyt'),
        charge_bhxh: eb.ref('excluded.charge_bhxh'),
        charge_bhtnld: eb.ref('excluded.charge_bhtnld'),
        charge_bhtn: eb.ref('excluded.charge_bhtn'),
        charge_bhyt: eb.ref('excluded.charge_bhyt'),
        charge_accrued_bhxh: eb.ref('excluded.charge_accrued_bhxh'),
        charge_accrued_bhtnld: eb.ref('excluded.charge_accrued_bhtnld'),
        charge_accrued_bhtn: eb.ref('excluded.charge_accrued_bhtn'),
        charge_accrued_bhyt: eb.ref('excluded.charge_accrued_bhyt'),
        charge_paid_bhxh: eb.ref('excluded.charge_paid_bhxh'),
        charge_paid_bhtnld: eb.ref('excluded.charge_paid_bhtnld'),
        charge_paid_bhtn: eb.ref('excluded.charge_paid_bhtn'),
        charge_paid_bhyt: eb.ref('excluded.charge_paid_bhyt'),
        overdue_deadlines: eb.ref('excluded.overdue_deadlines'),
        computed_at: eb.ref('excluded.computed_at'),
        engine_version: eb.ref('excluded.engine_version'),
        changes_on: eb.ref('excluded.changes_on'),
      })),
    )
    .execute();
}

/** The day of the stored positions, or null before the first close. */
export async function latestClose(db: Kysely<Database>): Promise<Day | null> {
  const row = await sql<{ as_of: Day | null }>`SELECT min(as_of) AS as_of FROM arrears_position`.execute(db);
  return row.rows[0]?.as_of ?? null;
}

/**
 * Whether a stored position was computed by an older version of the engine or under another rule set than the one in
 * force at its day: its figures are not what the books give today.
 */
export async function hasStalePositions(db: Kysely<Database>, day: Day): Promise<boolean> {
  const rules = await ruleSetAt(db, day);
  const row = await db
    .selectFrom('arrears_position')
    .select('employer_id')
    .where((eb) => eb.or([eb('engine_version', '<', ENGINE_VERSION), eb('rule_set_id', '<>', rules.id)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
