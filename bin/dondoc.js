#!/usr/bin/env node
// The dondoc command: runs the compiled CLI (npm run build writes it).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/server/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('dondoc: chưa build mã nguồn; chạy "npm run build" / not built yet: run "npm run build"');
  process.exit(1);
}
const { main } = await import(entry.href);
const code = await main(process.argv.slice(2));
if (code !== 0) process.exit(code);
