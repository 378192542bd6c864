// bench/kill: many kill points in the multi-step writes (test/cli/kill.test.ts tries a few). Each round starts
// `dondoc start` armed to SIGKILL itself before a statement drawn from the seed (src/db/fault.ts), fires one operation
// (a report submitted and amended, letters numbered concurrently, a public list approved, three files imported),
// starts the server again and checks the books (test/support/kill-harness.ts). Prints per operation and database the
// kill points tried, how many landed inside the operation, and the broken invariants; then wall time, the CPU time of
// this process, of the servers it started and of PostgreSQL, and the load average, since on a shared machine the wall
// time says as much about the neighbours.
// Each round's server output (the killed server's and the restart's) is saved to a temporary folder, printed first.
// --only R plays round R alone (the earlier rounds' kill points are still drawn, so it dies where it did in the full
// run; the books hold only the rounds played).
// Usage: npx tsx bench/kill.ts [--rounds 50] [--seed 1] [--db pglite|postgres|both] [--operation import] [--only 7]
// (needs `npm run build`)
import pg from 'pg';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startPostgres, type PostgresServer } from '../test/support/postgres-server.js';
import { postmasterPid, treeCpuSeconds } from './cpu.js';
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
  type Operation,
} from '../test/support/kill-harness.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '50' },
    seed: { type: 'string', default: '1' },
    db: { type: 'string', default: 'both' },
    operation: { type: 'string' },
    only: { type: 'string' },
  },
});
const rounds = Number(values.rounds);
const seed = Number(values.seed);
const kinds = values.db === 'both' ? ['pglite', 'postgres'] : [values.db!];
const operations = values.operation ? [values.operation as Operation] : OPERATIONS;
const only = values.only === undefined ? null : Number(values.only);
const outputs = mkdtempSync(join(tmpdir(), 'dondoc-kill-output-'));
console.log(`server output of each round in ${outputs}`);

interface Tally {
  tried: number;
  /** The most statements a whole operation sent (seen when it ended before its kill point). */
  statements: number;
  fired: number;
  broken: number;
  killMs: number;
  restartMs: number;
  checkMs: number;
}

async function run(kind: string, postgres: PostgresServer | null) {
  const began = { wall: performance.now(), cpu: cpuNow(postgres) };
  const env: Record<string, string> = {};
  if (kind === 'pglite') env.DATA_DIR = join(mkdtempSync(join(tmpdir(), 'dondoc-kill-bench-')), 'data');
  else {
    const name = `kill_${Date.now()}`;
    const admin = new pg.Client({ connectionString: postgres!.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(postgres!.url);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    env.FILES_DIR = mkdtempSync(join(tmpdir(), 'dondoc-kill-files-'));
  }
  const world = await prepareWorld({ env });
  const random = seeded(seed + (kind === 'postgres' ? 1000 : 0));
  const tallies = new Map<Operation, Tally>(
    OPERATIONS.map((o) => [o, { tried: 0, statements: 0, fired: 0, broken: 0, killMs: 0, restartMs: 0, checkMs: 0 }]),
  );
  for (let r = 0; r < rounds; r++) {
    const operation = operations[r % operations.length]!;
    const killAfter = Math.floor(random() * STATEMENT_RANGE[operation]);
    if (only !== null && r !== only) continue;
    const t = tallies.get(operation)!;
    const killed = await startServer(world, killAfter);
    const round = await killDuring(world, killed, operation);
    const save = (name: string, text: string) => writeFileSync(join(outputs, `${kind}-${r}-${name}.log`), text);
    save(`${operation}-killed`, killed.output());
    let at = performance.now();
    const restarted = await startServer(world);
    try {
      await stopServer(restarted);
    } finally {
      save('restart', restarted.output());
    }
    t.restartMs += performance.now() - at;
    at = performance.now();
    const problems = await checkInvariants(world);
    t.checkMs += performance.now() - at;
    t.tried++;
    t.statements = Math.max(t.statements, round.fired ? 0 : round.statements);
    t.killMs += round.ms;
    if (round.fired) t.fired++;
    if (problems.length > 0) {
      t.broken++;
      console.log(
        `${kind} ${operation} killed before statement ${killAfter} of ${round.statements} (seed ${seed}, round ${r}): ${round.landed}`,
      );
      for (const p of problems.slice(0, 10)) console.log(`  ${p}`);
    }
  }
  console.log(`\n${kind}: seed ${seed}, ${rounds} rounds`);
  console.log(
    'operation    kill points  inside the operation  statements of a whole one  broken  s/kill  s/restart  s/check',
  );
  for (const [o, t] of tallies) {
    const s = (ms: number) => (t.tried ? ms / t.tried / 1000 : 0).toFixed(1).padStart(6);
    console.log(
      `${o.padEnd(12)} ${String(t.tried).padStart(11)}  ${String(t.fired).padStart(20)}  ${String(t.statements || '?').padStart(25)}  ${String(t.broken).padStart(6)}  ${s(t.killMs)}  ${s(t.restartMs).padStart(9)}  ${s(t.checkMs).padStart(7)}`,
    );
  }
  console.log(
    `${kind}: wall ${((performance.now() - began.wall) / 1000).toFixed(1)} s; ${cpuSince(began.cpu, postgres)}`,
  );
}

/**
 * CPU seconds so far: this process with the servers it started and has reaped (a killed server's too), and the
 * PostgreSQL server with its backends.
 */
function cpuNow(postgres: PostgresServer | null): { own: number; postgres: number } {
  return { own: treeCpuSeconds(process.pid), postgres: postgres ? treeCpuSeconds(postmasterPid(postgres.url)) : 0 };
}

function cpuSince(before: { own: number; postgres: number }, postgres: PostgresServer | null): string {
  const now = cpuNow(postgres);
  return (
    `CPU ${(now.own - before.own).toFixed(1)} s this process and its servers` +
    (postgres ? `, ${(now.postgres - before.postgres).toFixed(1)} s PostgreSQL` : '')
  );
}

const started = performance.now();
const postgres = kinds.includes('postgres') ? await startPostgres() : null;
const cpu = cpuNow(postgres);
let used = '';
try {
  for (const kind of kinds) await run(kind, postgres);
  used = cpuSince(cpu, postgres);
} finally {
  await killAll();
  postgres?.stop();
}
console.log(
  `\nwall ${((performance.now() - started) / 1000).toFixed(1)} s; ${used}; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
