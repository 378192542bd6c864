#!/usr/bin/env node
// The dondoc command: runs the compiled CLI (npm run build writes it).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/server/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('dondoc: chưa build mã nguồn; chạy "npm run build" / not built yet: run "npm run build"');
  process.exit(1);
}
const argv = process.argv.slice(2);
let code;
if (argv[0] === 'arrears') {
  // `dondoc arrears` reads files only: its own module loads in milliseconds, the whole CLI (the server, the database
  // drivers) in about two seconds of CPU, which a national run would spend before reading a line.
  const { arrearsCommand } = await import(new URL('../dist/server/cli/arrears.js', import.meta.url).href);
  code = await arrearsCommand(argv.slice(1), process.stdout, process.stderr);
} else {
  const { main } = await import(entry.href);
  code = await main(argv);
}
if (code !== 0) process.exit(code);
