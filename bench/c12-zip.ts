// bench/c12-zip: time, size and memory of an office's C12-TS notices in one zip (GET /api/offices/:id/c12-ts) at the
// bound of 500 employers, each with six months of obligations and a payment, as .xlsx and as .docx, on PGlite. The
// notices are rendered on a worker thread: the process's CPU time counts both threads, and the event loop's use says
// how much of the request's time the thread that answers requests was busy with it.
// Usage: npx tsx bench/c12-zip.ts [--employers 499]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { employerColumns } from '../src/features/employers/service.js';
import { login, startTestApp } from '../test/support/app.js';

const { values } = parseArgs({ options: { employers: { type: 'string', default: '499' } } });
const count = Math.min(Number(values.employers), 499);
const t = await startTestApp('pglite');
const db = t.database.handle.db;
const province = await db.selectFrom('office').select('id').where('code', '=', 'HNI').executeTakeFirstOrThrow();
// Đông Anh takes them all: with its own employer, the office asked for is at the bound of 500.
const ids = (
  await db
    .insertInto('employer')
    .values(
      Array.from({ length: count }, (_, i) =>
        employerColumns(
          {
            code: `HN8${String(i).padStart(6, '0')}`,
            taxCode: `0188${String(i).padStart(6, '0')}`,
            name: `Công ty thử nghiệm số ${i}`,
            address: `Số ${i}, xã Đông Anh, Hà Nội`,
            ownership: 'private',
            headcount: 20,
            status: 'active',
            paymentCycle: 1,
            officeId: t.world.offices.hni02,
          },
          province.id,
        ),
      ),
    )
    .returning('id')
    .execute()
).map((r) => r.id);
const funds = [
  ['BHXH', 17_500_000],
  ['BHYT', 3_000_000],
  ['BHTN', 1_000_000],
  ['BHTNLD', 500_000],
] as const;
await db
  .insertInto('obligation')
  .values(
    ids.flatMap((id) =>
      ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09'].flatMap((period) =>
        funds.map(([fund, amount]) => ({ employer_id: id, period, fund, amount })),
      ),
    ),
  )
  .execute();
await db
  .insertInto('payment')
  .values(ids.map((id, i) => ({ employer_id: id, paid_on: '2025-09-20', amount: 50_000_000, reference: `B-${i}` })))
  .execute();

const officer = await login(t.app, 'cb.hni');
for (const format of ['xlsx', 'docx']) {
  const before = process.memoryUsage().rss;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  const response = await officer.get(`/api/offices/${t.world.offices.hni02}/c12-ts?month=2025-09&format=${format}`);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const busy = performance.eventLoopUtilization(loop);
  if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body}`);
  console.log(
    `${format}: ${response.headers['x-notice-count']} notices in ${Math.round(ms)} ms ` +
      `(${(ms / count).toFixed(1)} ms each), CPU ${Math.round((used.user + used.system) / 1000)} ms, ` +
      `event loop busy ${Math.round(busy.active)} ms (${Math.round(busy.utilization * 100)}%), ` +
      `zip ${Math.round(response.rawPayload.length / 1024)} KiB, ` +
      `rss ${Math.round(before / 2 ** 20)} → ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`,
  );
}
await t.close();
