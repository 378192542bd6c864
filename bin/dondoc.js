#!/usr/bin/env node
// The dondoc command: runs the compiled CLI (npm run build writes it).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/server/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('dondoc: chưa build mã nguồn; chạy "npm run build" / not built yet: run "npm run build"');
  process.exit(1);
}
const argv = process.argv.slice(2);
/**
 * Node 20 can hang for ever as a thread ends: a background optimising-compiler job of that thread's code waits for a
 * garbage collection which the ending thread, itself waiting for that job, never runs (nodejs/node#54918). It was seen
 * in about 1 run in 60 of `arrears --json` with worker threads on a small folder. Without concurrent recompilation
 * the compiler runs on the thread whose code it compiles, so no such job exists. V8 reads the flag only when a
 * thread's engine starts, so the command runs in a Node started with it: a few tens of milliseconds.
 */
const SAME_THREAD_COMPILER = '--no-concurrent-recompilation';
let code;
if (argv[0] === 'arrears' && !process.execArgv.includes(SAME_THREAD_COMPILER)) {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, SAME_THREAD_COMPILER, fileURLToPath(import.meta.url), ...argv],
    { stdio: 'inherit' },
  );
  if (child.error) throw child.error;
  if (child.signal) process.kill(process.pid, child.signal);
  code = child.status ?? 1;
} else if (argv[0] === 'arrears') {
  // `dondoc arrears` reads files only: its own module loads in milliseconds, the whole CLI (the server, the database
  // drivers) in about two seconds of CPU, which a national run would spend before reading a line.
  const { arrearsCommand } = await import(new URL('../dist/server/cli/arrears.js', import.meta.url).href);
  code = await arrearsCommand(argv.slice(1), process.stdout, process.stderr);
} else {
  const { main } = await import(entry.href);
  code = await main(argv);
}
if (code !== 0) process.exit(code);
