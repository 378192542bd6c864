// bench/arrears: the full arrears computation of a national data set, from the CSV folder to the JSON totals.
// Usage: node bench/arrears.mjs [--employers 500000] [--months 36] [--data DIR]
// Needs `npm run build`. The data set is generated once (deterministic, seed 1) and kept in bench/.data/.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({
  options: { employers: { type: 'string', default: '500000' }, months: { type: 'string', default: '36' }, data: { type: 'string' } },
});
const employers = Number(values.employers);
const months = Number(values.months);
const asOf = '2026-11-15';
const data = values.data ?? join(root, 'bench', '.data', `e${employers}-m${months}`);
const bin = join(root, 'bin', 'dondoc.js');

if (!existsSync(join(data, 'payments.csv'))) {
  console.log(`generating ${employers} employers × ${months} months into ${data} …`);
  execFileSync('node', [bin, 'generate', '--employers', String(employers), '--months', String(months), '--seed', '1',
    '--out', data, '--as-of', asOf], { stdio: 'inherit' });
}
const lines = (file) => Number(execFileSync('wc', ['-l', join(data, file)], { encoding: 'utf8' }).trim().split(/\s+/)[0]) - 1;
const obligations = lines('obligations.csv');
const payments = lines('payments.csv');
const bytes = ['employers.csv', 'obligations.csv', 'payments.csv'].reduce((s, f) => s + statSync(join(data, f)).size, 0);

// GNU time gives the peak resident memory of the child.
const started = process.hrtime.bigint();
const run = spawnSync('/usr/bin/time', ['-f', '%M', 'node', bin, 'arrears', '--data', data, '--as-of', asOf, '--json'], {
  encoding: 'utf8',
  maxBuffer: 1 << 30,
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
if (run.status !== 0) {
  console.error(run.stderr);
  process.exit(1);
}
const peakKb = Number(run.stderr.trim().split('\n').at(-1));
const totals = JSON.parse(run.stdout).totals;
const rows = obligations + payments;
console.log(`data: ${employers} employers, ${obligations} obligations, ${payments} payments, ${(bytes / 1e9).toFixed(2)} GB`);
console.log(`totals: ${JSON.stringify(totals)}`);
console.log(`time: ${seconds.toFixed(2)} s (target < 20 s); peak memory: ${(peakKb / 1024 / 1024).toFixed(2)} GiB (target < 4 GiB)`);
console.log(`throughput: ${Math.round(employers / seconds)} employers/s, ${Math.round(rows / seconds)} rows/s`);
