import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../clock.js';
import { configFromEnv, type Config } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../db/connection.js';
import { migrate, MigrationRefused } from '../db/migrate.js';
import { vietnamDate } from '../domain/calendar.js';
import { addMonths, lastDayOf, periodOfDay } from '../domain/periods.js';
import { ensureDefaultRuleSet, latestClose, recomputePositions } from '../features/arrears/positions.js';
import { CampaignService, ensureDefaultTemplate } from '../features/campaigns/service.js';
import { refreshLadder } from '../features/ladder/service.js';
import { backfillSnapshots, snapshotPositions } from '../features/oversight/snapshots.js';
import { buildApp } from '../server.js';
import { arrearsCommand, ARREARS_USAGE } from './arrears.js';
import { DEMO_PASSWORD, isEmpty, seedDemo, seedDemoActions, seedDemoCampaign } from './demo-seed.js';
import { generateCommand, GENERATE_USAGE } from './generate.js';
import { importCommand, IMPORT_USAGE } from './import.js';

/** The folder holding package.json, whether running from src/ (tsx) or dist/server/ (built). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the running code');
    dir = parent;
  }
  return dir;
}

async function openConfigured(config: Config): Promise<{ handle: DatabaseHandle; created: boolean }> {
  const created = !config.databaseUrl && !existsSync(config.dataDir);
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(handle);
  await ensureDefaultRuleSet(handle.db);
  await ensureDefaultTemplate(handle.db);
  return { handle, created };
}

async function start(config: Config): Promise<void> {
  const started = Date.now();
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite, ${config.dataDir}`;
  console.log(`dondoc: mở cơ sở dữ liệu / opening the database: ${where}`);
  const { handle, created } = await openConfigured(config);

  // The demo's urging history needs the arrears positions, which the first close computes.
  let demoActionsPending = false;
  let demoHistoryPending = false;
  if (await isEmpty(handle)) {
    demoActionsPending = true;
    demoHistoryPending = true;
    console.log('dondoc: lần chạy đầu, đang nạp dữ liệu mẫu / first start, loading the demo data set…');
    try {
      const summary = await seedDemo(handle, systemClock);
      console.log(
        `dondoc: ${summary.offices} cơ quan, ${summary.employers.toLocaleString('vi-VN')} đơn vị, ` +
          `${summary.obligations.toLocaleString('vi-VN')} dòng phải đóng, ${summary.payments.toLocaleString('vi-VN')} ` +
          `khoản nộp, ${summary.users} người dùng (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
    } catch (error) {
      await handle.close();
      // A half-loaded embedded database would be taken for a loaded one at the next start.
      if (created) rmSync(config.dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  const webRoot = join(packageRoot(), 'dist', 'web');
  if (!existsSync(join(webRoot, 'index.html'))) {
    console.warn(`dondoc: chưa có giao diện web tại ${webRoot}; chạy "npm run build" / web UI not built`);
  }
  const app = await buildApp({ handle, db: handle.db, clock: systemClock, webRoot, logger: false });
  await app.listen({ port: config.port, host: config.host });
  const demoUsers = await handle.db
    .selectFrom('app_user')
    .select('username')
    .where('username', 'in', ['admin', 'banthu', 'thanhtra', 'truyenthong', 'gd.hni', 'cb.hni', 'cb.hni-01', 'gd.hcm'])
    .orderBy('id')
    .execute();
  const url = `http://localhost:${config.port}`;
  console.log(`\ndondoc đang chạy tại / is running at ${url}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`Tài liệu API / API docs: ${url}/docs`);
  if (demoUsers.length > 0) {
    console.log(`\nTài khoản mẫu / demo logins (mật khẩu / password: ${DEMO_PASSWORD}):`);
    for (const u of demoUsers) console.log(`  ${u.username}`);
    console.log('  gd.<mã tỉnh>, cb.<mã tỉnh>, cb.<mã BHXH cơ sở> for every province, e.g. gd.dng, cb.hcm-01');
  }

  // The daily close: positions are as at today; a new day (or a first start) recomputes them all, in the
  // background so the app serves meanwhile.
  let closing: Promise<void> | null = null;
  const close = () => {
    if (closing) return;
    closing = (async () => {
      const today = vietnamDate(systemClock.now());
      if ((await latestClose(handle.db)) === today) return;
      const t = Date.now();
      const { employers } = await recomputePositions(handle.db, systemClock);
      if (demoActionsPending) {
        const seeded = await seedDemoActions(handle.db, systemClock);
        demoActionsPending = false;
        console.log(`dondoc: lịch sử đôn đốc mẫu / demo urging history: ${seeded.actions} hoạt động, ${seeded.promises} cam kết`);
      }
      // Steps move with the calendar too (60 days after a deadline is evasion), so the ladder is re-read daily.
      const moves = await refreshLadder(handle.db, systemClock);
      await snapshotPositions(handle.db, today);
      console.log(`dondoc: chốt số liệu ngày ${today} / positions closed for ${today}: ${employers} đơn vị, ` +
        `${moves} lượt chuyển bậc / ladder moves, ${((Date.now() - t) / 1000).toFixed(1)} s`);
      if (demoHistoryPending) {
        // The demo starts with two years of ledger: its dashboards show the twelve month-ends before today.
        const b = Date.now();
        const monthEnds = Array.from({ length: 12 }, (_, k) => lastDayOf(addMonths(periodOfDay(today), -12 + k)));
        await backfillSnapshots(handle.db, monthEnds);
        const campaign = await seedDemoCampaign(handle.db, systemClock);
        await refreshLadder(handle.db, systemClock);
        demoHistoryPending = false;
        console.log(`dondoc: lịch sử chậm đóng, đợt cao điểm mẫu / demo arrears history and campaign: 12 tháng, ` +
          `${campaign.actions} hoạt động, ${campaign.reports} báo cáo, ${((Date.now() - b) / 1000).toFixed(1)} s`);
      }
    })()
      .catch((error: unknown) => console.error('dondoc: positions close failed', error))
      .finally(() => (closing = null));
  };
  close();
  const closeTimer = setInterval(close, 10 * 60_000);
  // Reminders an hour before each campaign deadline to directors who have not submitted.
  const campaigns = new CampaignService(handle.db, systemClock);
  const remindTimer = setInterval(() => {
    campaigns.sendReminders().catch((error: unknown) => console.error('dondoc: campaign reminders failed', error));
  }, 60_000);

  const stop = async () => {
    clearInterval(closeTimer);
    clearInterval(remindTimer);
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const USAGE = `Cách dùng / usage: dondoc <lệnh>
  start     chạy ứng dụng (mặc định) / run the app (default)
  migrate   cập nhật cấu trúc cơ sở dữ liệu / apply migrations and exit
  arrears   tính chậm đóng từ thư mục CSV / arrears of a CSV folder: ${ARREARS_USAGE}
  generate  sinh dữ liệu tổng hợp / synthetic data set: ${GENERATE_USAGE}
  import    nhập tệp CSV vào cơ sở dữ liệu / import into the database: ${IMPORT_USAGE}`;

export async function main(argv: string[]): Promise<number> {
  const [command = 'start', ...rest] = argv;
  if (command === 'arrears') return arrearsCommand(rest, process.stdout, process.stderr);
  if (command === 'generate') return generateCommand(rest, systemClock, (line) => console.error(line));
  const config = configFromEnv();
  try {
    switch (command) {
      case 'start':
        await start(config);
        return 0;
      case 'import': {
        const { handle } = await openConfigured(config);
        try {
          return await importCommand(handle, systemClock, rest[0], (line) => console.log(line));
        } finally {
          await handle.close();
        }
      }
      case 'migrate': {
        const { handle } = await openConfigured(config);
        await handle.close();
        console.log('dondoc: cơ sở dữ liệu đã ở phiên bản mới nhất / the database schema is up to date');
        return 0;
      }
      default:
        console.error(USAGE);
        return 2;
    }
  } catch (error) {
    if (error instanceof MigrationRefused) {
      console.error(`dondoc: ${error.message}`);
      return 3;
    }
    throw error;
  }
}
