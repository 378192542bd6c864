import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases.js';
import {
  checkInvariants,
  killAll,
  killDuring,
  OPERATIONS,
  prepareWorld,
  seeded,
  startServer,
  STATEMENT_RANGE,
  stopServer,
  type RoundResult,
} from '../support/kill-harness.js';
import { migratedProcessDatabase } from '../support/process-database.js';

/**
 * A kill (SIGKILL, nothing runs after it) in the middle of each multi-step write, before a statement drawn from a
 * seed, on both databases: a report submitted and amended at once, letters numbered concurrently, a public list
 * approved, three files imported. Each next start recovers and the books are checked: no partial import, positions
 * and ladder equal to a fresh computation, frozen reports unchanged, register numbers 1, 2, 3… each once, public lists
 * whole. On PostgreSQL after every kill, with the restarted server running; on the embedded database (one process at
 * a time) once the last restart is stopped, since a server start there is most of the time this takes.
 * DONDOC_KILL_SEED replays another draw; bench/kill.ts tries many more points and checks after each.
 */
const SEED = Number(process.env.DONDOC_KILL_SEED ?? 1);
const ROOT = join(import.meta.dirname, '..', '..');

afterAll(killAll);

describe.each(DATABASE_KINDS)('a kill inside each write, on %s', (kind) => {
  let drop = async () => {};
  afterAll(async () => drop());

  it(`leaves books a restart makes whole (seed ${SEED})`, async () => {
    if (!existsSync(join(ROOT, 'dist', 'server', 'cli', 'main.js'))) throw new Error('dist not built: npm run build');
    const database = await migratedProcessDatabase(kind);
    const env = database.env;
    drop = database.drop;
    // The embedded kind keeps its files beside its data folder.
    if (kind === 'postgres') env.FILES_DIR = mkdtempSync(join(tmpdir(), 'dondoc-kill-files-'));
    const world = await prepareWorld({ env });
    const random = seeded(SEED + (kind === 'postgres' ? 1000 : 0));
    const draw = (i: number) => Math.floor(random() * STATEMENT_RANGE[OPERATIONS[i]!]);
    const rounds: RoundResult[] = [];
    const problems: string[] = [];
    const where = (r: RoundResult) =>
      `${r.operation} killed before statement ${r.killAfter} of ${r.statements} (seed ${SEED}): ${r.landed}`;
    let server = await startServer(world, draw(0));
    for (let i = 0; i < OPERATIONS.length; i++) {
      rounds.push(await killDuring(world, server, OPERATIONS[i]!));
      server = await startServer(world, i + 1 < OPERATIONS.length ? draw(i + 1) : undefined);
      if (kind === 'postgres')
        problems.push(...(await checkInvariants(world)).map((p) => `${where(rounds[i]!)}: ${p}`));
    }
    await stopServer(server);
    if (kind === 'pglite')
      problems.push(...(await checkInvariants(world)).map((p) => `after ${rounds.map(where).join('; ')}: ${p}`));
    console.log(rounds.map((r) => `${kind} ${where(r)}${r.fired ? '' : ' [ended before the kill point]'}`).join('\n'));
    expect(problems).toEqual([]);
  }, 600_000);
});
