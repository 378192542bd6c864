import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { systemClock } from '../../src/clock.js';
import { migrate } from '../../src/db/migrate.js';
import { vietnamDate } from '../../src/domain/calendar.js';
import { evaluateLadder } from '../../src/domain/ladder.js';
import { DEFAULT_TEMPLATE } from '../../src/domain/report-figures.js';
import { addMonths, periodOfDay } from '../../src/domain/periods.js';
import { ensureDefaultTemplate } from '../../src/features/campaigns/service.js';
import { SESSION_COOKIE } from '../../src/features/auth/session.js';
import { ladderFacts } from '../../src/ledger/ladder.js';
import { ensureDefaultRuleSet, ruleSetAt } from '../../src/ledger/rule-sets.js';
import { PASSWORD, seedWorld, type World } from './fixtures.js';
import { engineFigures, withDatabase } from './process-database.js';
import { spawnServer, type ServerProcess } from './server-process.js';

/**
 * Fault injection by a real crash: a `dondoc start` process runs one of the multi-step writes and kills itself with
 * SIGKILL before its Nth database statement from the moment the test arms it (src/db/fault.ts); the next start
 * recovers, and the books are checked. Shared by test/cli/kill.test.ts (a few kill points) and bench/kill.ts (many).
 */

export const OPERATIONS = ['report', 'documents', 'disclosure', 'import'] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * Kill points are drawn below these: a little over the statements one round of the operation sends (bench/kill.ts
 * prints them), so that most kills land inside it and a few after its end.
 */
export const STATEMENT_RANGE: Record<Operation, number> = { report: 70, documents: 180, disclosure: 16, import: 95 };

/** A small seeded generator (mulberry32): the same seed draws the same kill points. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Target {
  /** For the spawned server: DATA_DIR (embedded) or DATABASE_URL. */
  env: Record<string, string>;
}

export interface KillWorld {
  target: Target;
  world: World;
  campaignId: number;
  /** The late employers added to the world, whom the letters go to. */
  lateIds: number[];
  rounds: number;
  /** Every import file sent so far, with the rows it holds, to check all or none of each is in the ledger. */
  imports: { kind: 'employers' | 'obligations' | 'payments'; sha256: string; codes: string[]; rows: number }[];
  /** The frozen reports as the last check found them: later rounds may add versions, never change these. */
  frozen: Map<string, string>;
  /** Whether the next start has a close to run first (the first start, or a refresh a kill cut short). */
  closePending: boolean;
}

const LATE_EMPLOYERS = 24;

/**
 * The small country of the API tests, plus late employers in both Hà Nội offices (letters and lists have someone to
 * name) and a campaign running today that Hà Nội and Hồ Chí Minh report to.
 */
export async function prepareWorld(target: Target): Promise<KillWorld> {
  return withDatabase(target.env, async (handle) => {
    const { db } = handle;
    await migrate(handle);
    await ensureDefaultRuleSet(db);
    await ensureDefaultTemplate(db);
    const world = await seedWorld(db);
    const today = vietnamDate(systemClock.now());
    const month = periodOfDay(today);
    const lateIds: number[] = [];
    for (let i = 0; i < LATE_EMPLOYERS; i++) {
      const { id } = await db
        .insertInto('employer')
        .values({
          code: `HL${String(i).padStart(7, '0')}`,
          tax_code: `0150${String(i).padStart(6, '0')}`,
          name: `Công ty TNHH Chậm Đóng ${i}`,
          search_text: `cong ty tnhh cham dong ${i}`,
          address: '',
          province_id: world.offices.hni,
          office_id: i % 2 === 0 ? world.offices.hni01 : world.offices.hni02,
          ownership: 'private',
          headcount: 10 + i,
          status: 'active',
          payment_cycle: 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      lateIds.push(id);
      await db
        .insertInto('obligation')
        .values(
          [2, 3, 4, 5, 6, 7].flatMap((back) =>
            (['BHXH', 'BHYT'] as const).map((fund) => ({
              employer_id: id,
              period: addMonths(month, -back - (i % 4)),
              fund,
              amount: 1_000_000 * (i + 1),
            })),
          ),
        )
        .execute();
    }
    const { id: campaignId } = await db
      .insertInto('campaign')
      .values({
        name: 'Đợt cao điểm thử ngắt',
        legal_basis: 'Công văn số 4208/BHXH-TST',
        first_day: addDaysText(today, -3),
        last_day: addDaysText(today, 3),
        first_day_deadline: JSON.stringify({ dayOffset: 1, time: '08:30' }),
        daily_deadline: JSON.stringify({ dayOffset: 0, time: '18:30' }),
        baseline_date: addDaysText(today, -4),
        target_late_ratio: null,
        template_id: DEFAULT_TEMPLATE.id,
        template_version: DEFAULT_TEMPLATE.version,
        created_by: world.users.board,
        created_at: systemClock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('campaign_province')
      .values([world.offices.hni, world.offices.hcm].map((office_id) => ({ campaign_id: campaignId, office_id })))
      .execute();
    return { target, world, campaignId, lateIds, rounds: 0, imports: [], frozen: new Map(), closePending: true };
  });
}

function addDaysText(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A signed-in client of the spawned server. */
export interface Client {
  post(path: string, body?: unknown, type?: string): Promise<{ status: number; text: string }>;
}

export async function login(base: string, username: string): Promise<Client> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`))!
    .split(';')[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    async post(path, body, type = 'application/json') {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': type }) },
        ...(body === undefined ? {} : { body: type === 'application/json' ? JSON.stringify(body) : (body as string) }),
      });
      return { status: response.status, text: await response.text() };
    },
  };
}

/** What one round sends: the requests of the operation, fired once the process is armed. */
async function operation(kw: KillWorld, op: Operation, base: string): Promise<() => Promise<unknown>> {
  const { world } = kw;
  const today = vietnamDate(systemClock.now());
  const round = kw.rounds;
  if (op === 'report') {
    const [hni, hcm] = await Promise.all([login(base, 'gd.hni'), login(base, 'gd.hcm')]);
    const notes = { difficulties: `vòng ${round}`, proposals: '', directorNote: '' };
    const path = (office: number) => `/api/campaigns/${kw.campaignId}/reports/${office}/${today}`;
    // A first submission and amendments at once, for two provinces: versions are taken under the campaign's lock.
    return () =>
      Promise.all(
        [
          [hni, world.offices.hni],
          [hcm, world.offices.hcm],
        ].flatMap(([client, office]) => [
          (client as Client).post(`${path(office as number)}/submit`, { notes }),
          ...[1, 2, 3].map((n) =>
            (client as Client).post(`${path(office as number)}/amend`, { notes, reason: `Điều chỉnh ${round}.${n}` }),
          ),
        ]),
      );
  }
  if (op === 'documents') {
    const officer = await login(base, 'cb.hni');
    const late = kw.lateIds;
    // Several letters at once, each to a few employers of both grassroots offices: the register numbers of one office
    // are taken by concurrent requests.
    return () =>
      Promise.all(
        [0, 1, 2, 3].map((n) =>
          officer.post('/api/actions', {
            employerIds: late.slice(n * 3, n * 3 + 3),
            kind: n % 2 === 0 ? 'urging_letter' : 'invitation',
            date: today,
          }),
        ),
      );
  }
  if (op === 'disclosure') {
    const [director, admin] = await Promise.all([login(base, 'gd.hni'), login(base, 'admin')]);
    // A draft made before the kill point; approving it (supersede the list before, approve, audit) is what is killed.
    const assembled = await director.post('/api/disclosure/lists', { kind: 'late', officeId: world.offices.hni });
    const draft = (JSON.parse(assembled.text) as { id: number }).id;
    return () =>
      Promise.all([
        admin.post(`/api/disclosure/lists/${draft}/approve`),
        director.post('/api/disclosure/lists', { kind: 'evasion', officeId: world.offices.hni }),
      ]);
  }
  const officer = await login(base, 'cb.hni');
  const files = importFiles(round, today);
  for (const f of files) kw.imports.push({ kind: f.kind, sha256: f.sha256, codes: f.codes, rows: f.rows });
  // Employers (the staged path), then their obligations and payments (the bulk path: stepped on the embedded
  // database, one COPY transaction on PostgreSQL).
  return async () => {
    const answers = [];
    for (const f of files) {
      answers.push(await officer.post(`/api/imports/${f.kind}?fileName=${f.kind}-${round}.csv`, f.text, 'text/csv'));
    }
    return answers;
  };
}

const IMPORTED_EMPLOYERS = 40;
/** Months of obligations per imported employer: 40 × 33 × 4 funds = 5,280 rows, two steps of a stepped import. */
const IMPORTED_MONTHS = 33;

/** One round's files: new employers of Hà Nội, their obligations and some payments. */
function importFiles(round: number, today: string) {
  const month = periodOfDay(today);
  const codes = Array.from(
    { length: IMPORTED_EMPLOYERS },
    (_, i) => `K${String(round).padStart(3, '0')}${String(i).padStart(5, '0')}`,
  );
  const file = (kind: 'employers' | 'obligations' | 'payments', header: string, lines: string[]) => {
    const text = `${header}\n${lines.join('\n')}\n`;
    return { kind, text, codes, rows: lines.length, sha256: createHash('sha256').update(text).digest('hex') };
  };
  return [
    file(
      'employers',
      'code,tax_code,name,province,office,ownership,headcount,status,payment_cycle',
      codes.map(
        (code, i) =>
          `${code},07${String(round).padStart(3, '0')}${String(i).padStart(5, '0')},Công ty Nhập ${code},HNI,HNI-0${(i % 2) + 1},private,20,active,1`,
      ),
    ),
    file(
      'obligations',
      'employer,period,fund,amount',
      codes.flatMap((code) =>
        Array.from({ length: IMPORTED_MONTHS }, (_, m) => addMonths(month, -m - 1)).flatMap((period) =>
          ['BHXH', 'BHTNLD', 'BHTN', 'BHYT'].map((fund) => `${code},${period},${fund},1000000`),
        ),
      ),
    ),
    file(
      'payments',
      'employer,date,amount,reference',
      codes.flatMap((code, i) =>
        [1, 2, 3].map((m) => `${code},${addMonths(month, -m)}-15,${(i + 1) * 500_000},UNC-${code}-${m}`),
      ),
    ),
  ];
}

export interface RoundResult {
  operation: Operation;
  killAfter: number;
  /** The process killed itself at the kill point; false when the operation sent fewer statements (killed after it). */
  fired: boolean;
  /** The statement the kill came before, or what the operation's requests answered when it ended first. */
  landed: string;
  /** Statements the operation sent before the kill (all of them when it ended first). */
  statements: number;
  ms: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every server started, so that a failing test leaves none behind. */
const started = new Set<ServerProcess>();
export async function killAll(): Promise<void> {
  await Promise.all([...started].map((s) => s.kill()));
  started.clear();
}

/**
 * Starts the server (the restart after a kill: it finishes or takes out what the kill left before it serves) and waits
 * until it serves and a close it had to run again is done. With `killAfter`, the server can be armed to die before that
 * statement of the next operation.
 */
export async function startServer(kw: KillWorld, killAfter?: number): Promise<ServerProcess> {
  const env: Record<string, string> = { DONDOC_BULK_MIN_BYTES: '0', ...kw.target.env };
  if (killAfter !== undefined) env.DONDOC_FAULT_AFTER_STATEMENTS = String(killAfter);
  const server = await spawnServer(env);
  started.add(server);
  server.child.once('exit', () => started.delete(server));
  await server.waitFor(/is running at/, 180_000);
  if (kw.closePending || /refresh\(es\) of the positions cut short/.test(server.output())) {
    await server.waitFor(/job daily-close end (ok|failed|stopped)/, 180_000);
  }
  kw.closePending = false;
  return server;
}

/** Arms the server, fires the operation and waits until the kill (or the operation's end, then kills it). */
export async function killDuring(kw: KillWorld, server: ServerProcess, op: Operation): Promise<RoundResult> {
  const began = performance.now();
  const exited = new Promise<void>((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) resolve();
    else server.child.once('exit', () => resolve());
  });
  const fire = await operation(kw, op, server.base);
  kw.rounds++;
  server.child.kill('SIGUSR2');
  await server.waitFor(/fault armed/, 30_000);
  const killAfter = Number(/fault armed: SIGKILL after (\d+)/.exec(server.output())![1]);
  // Requests cut by the kill fail: that is the point.
  const answers = await fire().then(
    (a) => JSON.stringify(a, (key, value: unknown) => (key === 'text' ? undefined : value)),
    (e: unknown) => String(e),
  );
  const fired = await Promise.race([exited.then(() => true), sleep(1000).then(() => false)]);
  if (!fired) await server.kill();
  const output = server.output();
  const statements = [...output.matchAll(/dondoc: fault: statement (\d+)/g)].length;
  const landed = fired ? (/dondoc: fault: SIGKILL before (.*)/.exec(output)?.[1] ?? '?') : `ended first: ${answers}`;
  return {
    operation: op,
    killAfter,
    fired,
    landed,
    statements,
    ms: performance.now() - began,
  };
}

/** A server stopped cleanly (SIGTERM), so that the embedded database can be opened by the test. */
export async function stopServer(server: ServerProcess): Promise<void> {
  const code = await server.stop();
  if (code !== 0) throw new Error(`the server stopped with ${code}:\n${server.output()}`);
}

/** The invariants after any crash and restart; each broken one is a line of the result. */
export async function checkInvariants(kw: KillWorld): Promise<string[]> {
  return withDatabase(kw.target.env, async (handle) => {
    const { db } = handle;
    const problems: string[] = [];
    const today = vietnamDate(systemClock.now());
    const fail = (line: string) => problems.push(line);

    // Imports: no half-applied file, no stage left, every file's rows all there with its batch, or none and no batch.
    const pending = await db.selectFrom('import_pending').select('stage').execute();
    if (pending.length > 0) fail(`import_pending left: ${pending.map((p) => p.stage).join(', ')}`);
    const stages = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'import\_stage\_%'`.execute(
      db,
    );
    if (handle.kind === 'pglite' && stages.rows[0]!.n > 0) fail(`${stages.rows[0]!.n} import stage table(s) left`);
    for (const f of kw.imports) {
      const table = ({ employers: 'employer', obligations: 'obligation', payments: 'payment' } as const)[f.kind];
      const present = Number(
        (f.kind === 'employers'
          ? await sql<{ n: number }>`SELECT count(*)::int AS n FROM employer WHERE code = ANY(${f.codes})`.execute(db)
          : await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} x
                JOIN employer e ON e.id = x.employer_id WHERE e.code = ANY(${f.codes})`.execute(db)
        ).rows[0]!.n,
      );
      const batch = await db.selectFrom('import_batch').select('id').where('sha256', '=', f.sha256).executeTakeFirst();
      if (present !== 0 && present !== f.rows)
        fail(`${f.kind} ${f.codes[0]}…: ${present} of ${f.rows} rows in the ledger`);
      if ((present === f.rows) !== (batch !== undefined))
        fail(`${f.kind} ${f.codes[0]}…: ${present} rows, batch ${batch ? 'recorded' : 'missing'}`);
    }

    // Positions: one per employer, as at today, equal to a fresh computation from the ledger. An employer with no
    // ledger yet (added by an employers file or the form) has none until the next close, kill or not: no write
    // computes one for an empty ledger (see applyStage in imports/queries.ts). A kill between the import's employers
    // file and its obligations file leaves exactly that.
    const ids = (await db.selectFrom('employer').select('id').orderBy('id').execute()).map((r) => r.id);
    const computed = await engineFigures(db, today, ids);
    const stored = await db
      .selectFrom('arrears_position')
      .select(['employer_id', 'as_of', 'late_amount', 'charge', 'overdue_months', 'band'])
      .execute();
    const storedOf = new Map(stored.map((s) => [s.employer_id, s]));
    for (const id of ids) {
      const s = storedOf.get(id);
      const { figures: fresh, ledgerEmpty } = computed.get(id)!;
      if (!s && ledgerEmpty) continue;
      const got = s && {
        as_of: s.as_of,
        late_amount: s.late_amount,
        charge: s.charge,
        overdue_months: s.overdue_months,
        band: s.band,
      };
      if (JSON.stringify(got) !== JSON.stringify(fresh))
        fail(`position of employer ${id}: stored ${JSON.stringify(got)}, fresh ${JSON.stringify(fresh)}`);
    }

    // The ladder: every late employer or one on a step evaluated today, on the step a fresh evaluation gives.
    const onLadder = (
      await sql<{ id: number }>`SELECT employer_id AS id FROM arrears_position WHERE late_amount > 0
        UNION SELECT employer_id FROM ladder_position WHERE step <> 'current'`.execute(db)
    ).rows.map((r) => r.id);
    const facts = await ladderFacts(db, onLadder, today);
    const { escalation } = await ruleSetAt(db, today);
    const ladder = new Map(
      (await db.selectFrom('ladder_position').select(['employer_id', 'step', 'since', 'evaluated_on']).execute()).map(
        (l) => [l.employer_id, l],
      ),
    );
    for (const id of onLadder) {
      const fresh = evaluateLadder(facts.get(id)!, escalation);
      const l = ladder.get(id);
      if (!l || l.step !== fresh.step || l.since !== fresh.since || l.evaluated_on !== today)
        fail(`ladder of employer ${id}: stored ${JSON.stringify(l)}, fresh ${fresh.step} since ${fresh.since}`);
    }
    const owed = await db.selectFrom('job_lease').select('name').where('name', 'like', 'position-refresh:%').execute();
    if (owed.length > 0) fail(`${owed.length} refresh lease(s) left after the restart`);

    // Register numbers: per office and year 1, 2, 3… each once, up to the counter: no number taken without its
    // document, none given twice. Every action that makes a letter has its one document and its audit row.
    const documents = await db
      .selectFrom('generated_document')
      .select(['office_id', 'year', 'number', 'full_number', 'action_id'])
      .where('number', 'is not', null)
      .orderBy('office_id')
      .orderBy('year')
      .orderBy('number')
      .execute();
    const counters = await db.selectFrom('document_counter').selectAll().execute();
    for (const c of counters) {
      const numbers = documents.filter((d) => d.office_id === c.office_id && d.year === c.year).map((d) => d.number);
      const expected = Array.from({ length: c.last_number }, (_, i) => i + 1);
      if (JSON.stringify(numbers) !== JSON.stringify(expected))
        fail(`register of office ${c.office_id}/${c.year}: numbers ${numbers.join(',')}, counter ${c.last_number}`);
    }
    if (documents.some((d) => !counters.some((c) => c.office_id === d.office_id && c.year === d.year)))
      fail('a numbered document without its register counter');
    const actions = await sql<{
      id: number;
      kind: string;
      document_number: string | null;
      docs: number;
      audits: number;
      full: string | null;
    }>`
      SELECT a.id, a.kind, a.document_number,
        (SELECT count(*)::int FROM generated_document d WHERE d.action_id = a.id) AS docs,
        (SELECT min(d.full_number) FROM generated_document d WHERE d.action_id = a.id) AS full,
        (SELECT count(*)::int FROM audit_log l WHERE l.action = 'action.record' AND l.entity_id = a.id::text) AS audits
      FROM enforcement_action a`.execute(db);
    for (const a of actions.rows) {
      const lettered = a.kind === 'urging_letter' || a.kind === 'invitation';
      if (a.audits !== 1) fail(`action ${a.id}: ${a.audits} audit rows`);
      if (lettered && (a.docs !== 1 || a.full !== a.document_number))
        fail(`action ${a.id} (${a.kind}): ${a.docs} documents, number ${a.document_number} vs ${a.full}`);
    }

    // Reports: versions 1…n of each report, each with its one audit row; every version seen before unchanged.
    const reports = await db
      .selectFrom('campaign_report')
      .select([
        'campaign_id',
        'office_id',
        'report_day',
        'version',
        'figures',
        'notes',
        'amendment_reason',
        'submitted_at',
      ])
      .orderBy('campaign_id')
      .orderBy('office_id')
      .orderBy('report_day')
      .orderBy('version')
      .execute();
    const byReport = new Map<string, number[]>();
    const now = new Map<string, string>();
    for (const r of reports) {
      const key = `${r.campaign_id}/${r.office_id}/${r.report_day}`;
      byReport.set(key, [...(byReport.get(key) ?? []), r.version]);
      now.set(`${key}/${r.version}`, JSON.stringify([r.figures, r.notes, r.amendment_reason, r.submitted_at]));
    }
    for (const [key, versions] of byReport) {
      if (JSON.stringify(versions) !== JSON.stringify(versions.map((_, i) => i + 1)))
        fail(`report ${key}: versions ${versions.join(',')}`);
    }
    for (const [key, frozen] of kw.frozen) {
      if (now.get(key) !== frozen) fail(`frozen report ${key} changed or lost`);
    }
    const reportAudits = await sql<{ entity_id: string; n: number }>`
      SELECT entity_id, count(*)::int AS n FROM audit_log WHERE action IN ('report.submit', 'report.amend')
      GROUP BY entity_id`.execute(db);
    const audited = new Map(reportAudits.rows.map((r) => [r.entity_id, r.n]));
    for (const key of now.keys())
      if (audited.get(key) !== 1) fail(`report ${key}: ${audited.get(key) ?? 0} audit rows`);
    for (const key of audited.keys()) if (!now.has(key)) fail(`audit row of report ${key}, which is not stored`);
    kw.frozen = now;

    // Public lists: at most one approved per kind and office; a superseded list only once a list updating it is
    // approved; every approval audited once; every list holds the entries its assembly recorded.
    const lists = await sql<{
      id: number;
      kind: string;
      office_id: number;
      status: string;
      updates_id: number | null;
      entries: number;
      assembled: number | null;
      approvals: number;
    }>`
      SELECT l.id, l.kind, l.office_id, l.status, l.updates_id,
        (SELECT count(*)::int FROM disclosure_entry e WHERE e.list_id = l.id) AS entries,
        (SELECT (a.after->>'entries')::int FROM audit_log a WHERE a.action = 'disclosure.assemble' AND a.entity_id = l.id::text) AS assembled,
        (SELECT count(*)::int FROM audit_log a WHERE a.action = 'disclosure.approve' AND a.entity_id = l.id::text) AS approvals
      FROM disclosure_list l ORDER BY l.id`.execute(db);
    const approved = new Map<string, number>();
    for (const l of lists.rows) {
      if (l.status === 'approved') {
        const key = `${l.kind}/${l.office_id}`;
        approved.set(key, (approved.get(key) ?? 0) + 1);
      }
      if (l.entries !== l.assembled) fail(`list ${l.id}: ${l.entries} entries, ${l.assembled} assembled`);
      const wasApproved = l.status === 'approved' || l.status === 'superseded';
      if (l.approvals !== (wasApproved ? 1 : 0)) fail(`list ${l.id} (${l.status}): ${l.approvals} approval audit rows`);
      const superseder = lists.rows.find((x) => x.updates_id === l.id && x.status !== 'draft');
      if ((l.status === 'superseded') !== (superseder !== undefined))
        fail(`list ${l.id} is ${l.status}, updated by ${superseder?.id ?? 'none'} approved`);
    }
    for (const [key, n] of approved) if (n > 1) fail(`${n} approved lists for ${key}`);
    return problems;
  });
}
