import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { c12Statement, type C12Line, type C12Statement } from '../../domain/c12.js';
import type { Day, Period } from '../../domain/ledger.js';
import { addMonths, lastDayOf } from '../../domain/periods.js';
import type { RuleSet } from '../../domain/rules.js';
import { AppError, notFound } from '../../http/errors.js';
import { loadLedgers, nextTurn, TURN } from '../../ledger/positions.js';
import { ruleSetAt } from '../../ledger/rule-sets.js';
import { placeOf } from '../documents/service.js';
import { findOfficeInScope } from '../../db/scope.js';
import { countEmployersUnder, statementParties, type StatementPartyRow } from './queries.js';
import { COLUMNS, type C12Notice, type NoticeFormat, type NoticeParty } from './render.js';
import { zipInWorker } from './render-thread.js';
import { NO_PROGRESS, type ProgressReporter } from '../progress/service.js';

export { renderNotice, type C12Notice, type NoticeFormat } from './render.js';

/**
 * An office's notices come in parts of this many employers (in the order of their codes), so that one request stays
 * bounded in time and memory whatever the office's size (bench/c12-zip: 3–8 s and under 5 MB of zip a part).
 */
export const EMPLOYERS_PER_PART = 500;
/** Ledgers are read this many employers at a time, so that memory does not grow with the office's size. */
const LEDGER_BATCH = 100;

function partyOf(row: StatementPartyRow): NoticeParty {
  return {
    code: row.code,
    name: row.name,
    taxCode: row.tax_code,
    address: row.address,
    issuer: { parentName: row.parent_name ?? 'Bảo hiểm xã hội Việt Nam', officeName: row.office_name },
    place: placeOf(row.province_name),
  };
}

/** The statements of a batch of employers for a month, from their ledgers and the rule set in force at each day. */
async function noticesOf(db: Kysely<Database>, rows: StatementPartyRow[], month: Period): Promise<C12Notice[]> {
  const ledgers = await loadLedgers(
    db,
    rows.map((r) => r.id),
  );
  // The statement reads the books at the end of the month before and at the end of the month.
  const days = [lastDayOf(addMonths(month, -1)), lastDayOf(month)];
  const rules = new Map<Day, RuleSet>();
  for (const day of days) rules.set(day, await ruleSetAt(db, day));
  const notices: C12Notice[] = [];
  for (const [k, row] of rows.entries()) {
    if (k > 0 && k % TURN === 0) await nextTurn();
    notices.push({
      party: partyOf(row),
      statement: c12Statement(ledgers.get(row.id)!, (day) => rules.get(day) ?? rules.get(days[1]!)!, month),
    });
  }
  return notices;
}

/** The C12-TS statement of one employer in scope for a month. */
export async function employerNotice(
  db: Kysely<Database>,
  scope: string,
  employerId: number,
  month: Period,
): Promise<C12Notice> {
  const rows = await statementParties(db, scope, { employerId });
  if (rows.length === 0) throw notFound('employer');
  return (await noticesOf(db, rows, month))[0]!;
}

/** Whether the month moved or left anything on the employer's account: a notice of zeros is not sent. */
function hasFigures(s: C12Statement): boolean {
  return [s.contributions, s.charges].some((part) =>
    Object.values(part).some((l: C12Line) => COLUMNS.some(({ fund }) => l.byFund[fund] !== 0)),
  );
}

/**
 * The notices of the employers of an office and the offices below it (within the user's scope, else 404) that had
 * any figure in the month, one file each in a zip, in the format asked for: one part of EMPLOYERS_PER_PART employers.
 * `progress` hears of the employers whose figures are read, then of the notices rendered.
 */
export async function officeNotices(
  db: Kysely<Database>,
  scope: string,
  officeId: number,
  month: Period,
  format: NoticeFormat,
  date: Day,
  part: number,
  progress: ProgressReporter = NO_PROGRESS,
): Promise<{ zip: Buffer; officeCode: string; count: number; parts: number }> {
  const office = await findOfficeInScope(db, scope, officeId);
  if (!office) throw notFound('office');
  const parts = Math.max(1, Math.ceil((await countEmployersUnder(db, scope, office.path)) / EMPLOYERS_PER_PART));
  if (part > parts) {
    throw new AppError('part_out_of_range', { parts, perPart: EMPLOYERS_PER_PART });
  }
  const rows = await statementParties(db, scope, {
    officePath: office.path,
    offset: (part - 1) * EMPLOYERS_PER_PART,
    limit: EMPLOYERS_PER_PART,
  });
  const notices: C12Notice[] = [];
  progress.report({ phase: 'loading', done: 0, total: rows.length });
  for (let i = 0; i < rows.length; i += LEDGER_BATCH) {
    const batch = rows.slice(i, i + LEDGER_BATCH);
    for (const notice of await noticesOf(db, batch, month)) {
      if (hasFigures(notice.statement)) notices.push(notice);
    }
    progress.report({ phase: 'loading', done: i + batch.length, total: rows.length });
  }
  // Rendering is the long part (seconds for a part of 500): on a worker thread, so that other requests are answered
  // meanwhile; the statements themselves are computed here, from the database, and sent as plain data.
  progress.report({ phase: 'rendering', done: 0, total: notices.length });
  const zip = await zipInWorker(notices, format, date, (rendered) =>
    progress.report({ phase: 'rendering', done: rendered, total: notices.length }),
  );
  return { zip, officeCode: office.code, count: notices.length, parts };
}
