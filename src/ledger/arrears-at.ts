import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { ENGINE_VERSION } from '../domain/arrears.js';
import type { Day } from '../domain/ledger.js';
import type { RuleSet } from '../domain/rules.js';
import { lateFiguresOnThread } from './engine-thread.js';
import { loadLedgerTexts } from './positions.js';

/** What a campaign report reads of an employer's arrears at a day. */
export interface LateAt {
  lateAmount: number;
  overdueMonths: number;
}

/** The engine's answer for one employer at one day, and the version of the employer's books it was computed from. */
interface Known extends LateAt {
  books: string;
}

/**
 * Answers already computed, per database, per day and rule set: a province's report reads the arrears of each of its
 * employers at the campaign's baseline and at the report's day, the same few days on every opening, and reading and
 * computing thousands of ledgers takes seconds where the versions of their rows take a fraction of one.
 */
const known = new WeakMap<Db, Map<string, Map<number, Known>>>();
/**
 * A province's whole answer, per database, by province and days, with the versions of the books and the payments
 * (ledger_version, bumped in the transaction of every write to employer, obligation or payment) it was read at: while
 * both stand, no employer's rows have changed, and the answer is given again without reading the employers' versions,
 * a pass over every obligation and payment of the province. Kept per database handle, as `known`: a transaction's
 * handle reads its own uncommitted writes.
 */
interface Answer {
  version: string;
  employers: { employerId: number; at: LateAt[] }[];
}
const answered = new WeakMap<Db, Map<string, Answer>>();
/**
 * Answers being computed, per database, by the same key, with the versions read before they began: the directors of a
 * province opening its report together wait for the one computation (seconds of the engine and of PostgreSQL) rather
 * than each starting their own. A request joins one begun under the versions it reads itself: no write committed
 * since, so what it will give is what the request would have read.
 */
const computing = new WeakMap<
  Db,
  Map<string, { version: string; answer: Promise<{ employers: Answer['employers'] }> }>
>();
/** Days kept per database: a campaign's baseline and its latest days. */
const DAYS_KEPT = 8;
/** Answers kept per database: the provinces' reports of a campaign's latest days. */
const ANSWERS_KEPT = 128;
/** The versions of the books and of the payments; no row (a database the rows were taken from) reads as 'none'. */
const LEDGER_VERSIONS = sql<string>`concat_ws(':',
  coalesce((SELECT version::text FROM ledger_version WHERE name = 'books'), 'none'),
  coalesce((SELECT version::text FROM ledger_version WHERE name = 'payments'), 'none'))`;
/**
 * Employers whose ledgers are read at a time: the ledgers of thousands in one statement hold the embedded database's
 * one connection for as long as all of them take. They are decoded and computed on the engine's thread.
 */
const BATCH = 250;

/**
 * The engine's late amount and overdue months of every employer of a province at each of `days`, under the rule set
 * given with it, in the order of the employers' ids. An employer's books are read again only when their rows changed
 * since the last call: the version of an employer's books is the count and the transaction ids (xmin) of its
 * employer, obligation and payment rows, which any insert, update or delete changes; and those versions are read only
 * when the books or the payments moved since the province's last answer.
 */
export async function provinceArrearsAt(
  db: Db,
  provinceId: number,
  days: { day: Day; rules: RuleSet }[],
): Promise<{ employers: { employerId: number; at: LateAt[] }[] }> {
  const key = `${provinceId}|${days.map(({ day, rules }) => `${day}|${rules.id}`).join('|')}|${ENGINE_VERSION}`;
  let answers = answered.get(db);
  if (!answers) answered.set(db, (answers = new Map()));
  const current = (await sql<{ version: string }>`SELECT ${LEDGER_VERSIONS} AS version`.execute(db)).rows[0]!.version;
  const held = answers.get(key);
  if (held?.version === current) return { employers: held.employers };
  let running = computing.get(db);
  if (!running) computing.set(db, (running = new Map()));
  const begun = running.get(key);
  if (begun?.version === current) return begun.answer;
  const answer = computeProvince(db, provinceId, days, key, answers);
  const entry = { version: current, answer };
  running.set(key, entry);
  const done = () => {
    if (running.get(key) === entry) running.delete(key);
  };
  answer.then(done, done);
  return answer;
}

/** provinceArrearsAt's computation: the employers' versions, the ledgers that changed, the answer kept. */
async function computeProvince(
  db: Db,
  provinceId: number,
  days: { day: Day; rules: RuleSet }[],
  key: string,
  answers: Map<string, Answer>,
): Promise<{ employers: Answer['employers'] }> {
  // The versions are read again in the statement that reads the employers' books, so the answer is filed under the
  // versions of the very rows it stands on, even when a write committed since the versions above were read.
  const versions = await sql<{ id: number; books: string; version: string }>`
    SELECT e.id, concat_ws(':', e.xmin,
      (SELECT count(*) || '/' || coalesce(sum(o.xmin::text::bigint), 0) FROM obligation o WHERE o.employer_id = e.id),
      (SELECT count(*) || '/' || coalesce(sum(p.xmin::text::bigint), 0) FROM payment p WHERE p.employer_id = e.id)) AS books,
      ${LEDGER_VERSIONS} AS version
    FROM employer e WHERE e.province_id = ${provinceId} ORDER BY e.id`.execute(db);
  let byDay = known.get(db);
  if (!byDay) known.set(db, (byDay = new Map()));
  const memos = days.map(({ day, rules }) => {
    const key = `${day}|${rules.id}|${ENGINE_VERSION}`;
    const memo = byDay.get(key) ?? new Map<number, Known>();
    // Most recently used last, so the oldest day is the first to go.
    byDay.delete(key);
    byDay.set(key, memo);
    return memo;
  });
  while (byDay.size > DAYS_KEPT) byDay.delete(byDay.keys().next().value!);

  const stale = versions.rows.filter((e) => memos.some((memo) => memo.get(e.id)?.books !== e.books)).map((e) => e.id);
  const books = new Map(versions.rows.map((e) => [e.id, e.books]));
  for (let i = 0; i < stale.length; i += BATCH) {
    const figures = await lateFiguresOnThread(await loadLedgerTexts(db, stale.slice(i, i + BATCH)), days);
    for (const [id, atDays] of figures) {
      atDays.forEach(({ lateAmount, overdueMonths }, k) => {
        memos[k]!.set(id, { books: books.get(id)!, lateAmount, overdueMonths });
      });
    }
  }
  const employers = versions.rows.map((e) => ({
    employerId: e.id,
    at: memos.map((memo) => {
      const { lateAmount, overdueMonths } = memo.get(e.id)!;
      return { lateAmount, overdueMonths };
    }),
  }));
  // A province without employers reads no version with them: its answer is not kept.
  const version = versions.rows[0]?.version;
  if (version !== undefined) {
    answers.delete(key);
    answers.set(key, { version, employers });
    while (answers.size > ANSWERS_KEPT) answers.delete(answers.keys().next().value!);
  }
  return { employers };
}
