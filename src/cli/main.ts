import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../clock.js';
import { configFromEnv, type Config } from '../config.js';
import { BackupRefused, restoreBackup, writeBackup } from '../db/backup.js';
import { DataFolderInUse, openDatabase, type DatabaseHandle } from '../db/connection.js';
import { migrate, MigrationRefused } from '../db/migrate.js';
import { undoInterruptedImports } from '../ledger-files/stepped.js';
import { reopenCutShortRefreshes } from '../ledger/refresh.js';
import { ensureDefaultRuleSet } from '../ledger/rule-sets.js';
import { ensureDefaultTemplate } from '../features/campaigns/service.js';
import { campaignReminders } from '../jobs/campaign-reminders.js';
import { DAILY_CLOSE, dailyClose } from '../jobs/daily-close.js';
import { DEMO_HISTORY, demoHistory } from '../demo/history.js';
import { JobRunner } from '../jobs/runner.js';
import { buildApp } from '../server.js';
import { logEventLoopStalls } from '../loop-stalls.js';
import { AppProcesses, isAppProcess, STOP_MESSAGE } from './app-processes.js';
import { arrearsCommand, ARREARS_USAGE } from './arrears.js';
import { beginDemoLoad, claimDemo, keepDemoLoadLease } from '../demo/install.js';
import { newLeaseHolder } from '../jobs/lease.js';
import { readInstallation } from '../features/system/queries.js';
import { listUsernamesPresent } from '../features/users/queries.js';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '../demo/seed.js';
import { generateCommand, GENERATE_USAGE } from './generate.js';
import { importCommand, IMPORT_USAGE } from './import.js';
import { INIT_USAGE, initProduction, isBlankDatabase, parseInitArgs } from './init.js';
import { importOffices } from '../features/offices/service.js';
import { formatOfficeError, readOfficeFile } from './offices-file.js';

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

async function openConfigured(config: Config): Promise<{ handle: DatabaseHandle }> {
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(handle);
  const undone = await undoInterruptedImports(handle);
  if (undone > 0) {
    console.log(
      `dondoc: ${undone} tệp nhập bị ngắt giữa chừng đã được gỡ khỏi sổ / ` +
        `${undone} import(s) cut short were taken out of the ledger`,
    );
  }
  const reopened = await reopenCutShortRefreshes(handle.db, DAILY_CLOSE);
  if (reopened > 0) {
    console.log(
      `dondoc: ${reopened} lần cập nhật số liệu bị ngắt, chốt lại số liệu ngày / ` +
        `${reopened} refresh(es) of the positions cut short: the day is closed again`,
    );
  }
  await ensureDefaultRuleSet(handle.db);
  await ensureDefaultTemplate(handle.db);
  return { handle };
}

/**
 * What a stop must undo, in order: set from the very start of `dondoc start`, so Ctrl-C or SIGTERM at any moment ends
 * cleanly. Requests in flight finish (the server stops taking new ones), background jobs stop at their next safe point,
 * then the database is closed (PGlite writes its last pages). During the first start's demo load nothing is worth
 * waiting for: the load is marked unfinished and the next start makes it again, so the process leaves at once.
 */
class Shutdown {
  app: { close(): Promise<unknown> } | null = null;
  jobs: JobRunner | null = null;
  handle: DatabaseHandle | null = null;
  loadingDemo = false;
  private stopping: Promise<void> | null = null;

  constructor() {
    process.once('SIGINT', () => this.stop('SIGINT'));
    process.once('SIGTERM', () => this.stop('SIGTERM'));
  }

  get requested(): boolean {
    return this.stopping !== null;
  }

  stop(signal: string): Promise<void> {
    this.stopping ??= (async () => {
      // A second signal while stopping means "now".
      process.once(signal as NodeJS.Signals, () => process.exit(130));
      if (this.loadingDemo) {
        console.log(
          'dondoc: dừng giữa lúc nạp dữ liệu mẫu; lần chạy sau sẽ nạp lại / stopped during the demo load; ' +
            'the next start loads it again',
        );
        process.exit(130);
      }
      console.log(`dondoc: ${signal}: đang dừng / stopping…`);
      try {
        await Promise.all([this.app?.close(), this.jobs?.stop()]);
        await this.handle?.close();
      } catch (error) {
        console.error('dondoc: stop failed', error);
        process.exit(1);
      }
      console.log('dondoc: đã dừng / stopped');
      process.exit(0);
    })();
    return this.stopping;
  }
}

/** `--workers N` over DONDOC_WORKERS; a message when it is not a usable number or the database cannot share. */
function appProcessCount(config: Config, args: string[]): number | string {
  const at = args.indexOf('--workers');
  const count = at < 0 ? config.workers : Number(args[at + 1]);
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    return 'dondoc: --workers cần một số từ 1 đến 64 / --workers takes a whole number from 1 to 64';
  }
  if (count > 1 && !config.databaseUrl) {
    return (
      'dondoc: --workers cần DATABASE_URL: CSDL nhúng chỉ mở được trong một tiến trình / --workers needs ' +
      'DATABASE_URL: the embedded database is opened by one process only'
    );
  }
  return count;
}

function appFor(config: Config, handle: DatabaseHandle) {
  const webRoot = join(packageRoot(), 'dist', 'web');
  return buildApp({
    handle,
    db: handle.db,
    clock: systemClock,
    webRoot,
    log: { level: config.logLevel },
    sessionIdleMinutes: config.sessionIdleMinutes,
    uploads: config.uploads,
    filesDir: config.filesDir,
    trustProxy: config.trustProxy,
    publicLimits: config.publicLimits,
  });
}

/** An app process of `--workers N`: the first process migrated the database and runs the jobs; this one serves. */
async function serveRequests(config: Config): Promise<number> {
  const shutdown = new Shutdown();
  logEventLoopStalls();
  process.on('message', (message) => {
    if (message === STOP_MESSAGE) void shutdown.stop('SIGTERM');
  });
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  shutdown.handle = handle;
  const app = await appFor(config, handle);
  shutdown.app = app;
  await app.listen({ port: config.port, host: config.host });
  return 0;
}

async function start(config: Config, args: string[]): Promise<number> {
  if (isAppProcess()) return serveRequests(config);
  const processes = appProcessCount(config, args);
  if (typeof processes === 'string') {
    console.error(processes);
    return 2;
  }
  const shutdown = new Shutdown();
  logEventLoopStalls();
  const started = Date.now();
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite, ${config.dataDir}`;
  console.log(`dondoc: mở cơ sở dữ liệu / opening the database: ${where}`);
  const { handle } = await openConfigured(config);
  shutdown.handle = handle;
  if (shutdown.requested) return 0;

  const requested = args.includes('--demo');
  const demo = { requested, wanted: requested || (!config.databaseUrl && config.demo) };
  const holder = newLeaseHolder();
  let decision = await claimDemo(handle, demo, holder);
  if (decision.kind === 'wait') {
    console.log(
      'dondoc: một máy chủ khác đang nạp dữ liệu mẫu, chờ / another server is loading the demo data set, waiting…',
    );
  }
  while (decision.kind === 'wait') {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    if (shutdown.requested) return 0;
    decision = await claimDemo(handle, demo, holder);
  }
  if (decision.kind === 'refuse') {
    console.error(`dondoc: ${decision.message}`);
    await handle.close();
    return 2;
  }
  if (decision.kind === 'load') {
    console.log(
      decision.reason === 'interrupted'
        ? 'dondoc: lần nạp dữ liệu mẫu trước bị ngắt, nạp lại / the last demo load was cut short, loading it again…'
        : 'dondoc: lần chạy đầu, đang nạp dữ liệu mẫu / first start, loading the demo data set…',
    );
    shutdown.loadingDemo = true;
    keepDemoLoadLease(handle, holder);
    await beginDemoLoad(handle, systemClock);
    const summary = await seedDemo(handle, systemClock, { employers: config.demoEmployers, months: 24 });
    shutdown.loadingDemo = false;
    console.log(
      `dondoc: ${summary.offices} cơ quan, ${summary.employers.toLocaleString('vi-VN')} đơn vị, ` +
        `${summary.obligations.toLocaleString('vi-VN')} dòng phải đóng, ${summary.payments.toLocaleString('vi-VN')} ` +
        `khoản nộp, ${summary.users} người dùng (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  if (shutdown.requested) return 0;

  // Uploads a killed server was receiving are left in the files folder; with the embedded database no other server
  // can be receiving into it (the data folder is locked), so they go.
  if (!config.databaseUrl) await rm(join(config.filesDir, 'incoming'), { recursive: true, force: true });

  const webRoot = join(packageRoot(), 'dist', 'web');
  if (!existsSync(join(webRoot, 'index.html'))) {
    console.warn(`dondoc: chưa có giao diện web tại ${webRoot}; chạy "npm run build" / web UI not built`);
  }
  if (processes > 1) {
    // A refresh of positions that a dead app process owed is cut short: the close takes it over, as at a start.
    const recover = async () => {
      const reopened = await reopenCutShortRefreshes(handle.db, DAILY_CLOSE);
      if (reopened === 0) return;
      console.log(
        `dondoc: ${reopened} lần cập nhật số liệu bị ngắt, chốt lại số liệu ngày / ` +
          `${reopened} refresh(es) of the positions cut short: the day is closed again`,
      );
      // A close already running may have passed the positions the refresh owed: once it ends, the close runs again
      // (due while a position it did not recompute is marked as of no known engine).
      if ((await shutdown.jobs?.run(DAILY_CLOSE))?.kind === 'running_here') await shutdown.jobs?.run(DAILY_CLOSE);
    };
    const app = new AppProcesses(processes, (line) => console.log(line), recover);
    shutdown.app = app;
    await app.start();
    console.log(`dondoc: ${processes} tiến trình ứng dụng / app processes`);
  } else {
    const app = await appFor(config, handle);
    shutdown.app = app;
    await app.listen({ port: config.port, host: config.host });
  }
  const isDemo = (await readInstallation(handle.db))?.purpose === 'demo';
  const demoUsers = !isDemo ? [] : await listUsernamesPresent(handle.db, DEMO_LOGINS);
  const url = `http://localhost:${config.port}`;
  console.log(`\ndondoc đang chạy tại / is running at ${url}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`Tài liệu API / API docs: ${url}/docs`);
  if (demoUsers.length > 0) {
    console.log(`\nTài khoản mẫu / demo logins (mật khẩu / password: ${DEMO_PASSWORD}):`);
    for (const u of demoUsers) console.log(`  ${u.username}`);
    console.log('  gd.<mã tỉnh>, cb.<mã tỉnh>, cb.<mã BHXH cơ sở> for every province, e.g. gd.dng, cb.hcm-01');
  }
  if (shutdown.requested) return 0;

  // The daily close and the reminders run in the background while the app serves; with several app servers on one
  // database, the lease in job_lease lets one of them run each job at a time.
  const debug = config.logLevel === 'debug' || config.logLevel === 'trace';
  const jobs = new JobRunner(handle, systemClock, [dailyClose, demoHistory, campaignReminders], {
    log: (level, line) => {
      if (level === 'info' || debug) console.log(line);
    },
  });
  shutdown.jobs = jobs;
  jobs.start();
  // A demo just loaded is complete once its history is made on top of the first close.
  if (decision.kind === 'load') void jobs.run(DAILY_CLOSE).then(() => jobs.run(DEMO_HISTORY));
  return 0;
}

const OFFICES_USAGE = 'dondoc offices import TỆP.csv|xlsx   (cột / columns: code,name,kind,parent)';

/** `dondoc init`: refuses any database that already holds offices, before touching it (not even a migration). */
async function init(config: Config, args: string[]): Promise<number> {
  const options = parseInitArgs(args);
  if (typeof options === 'string') {
    console.error(`${options}\nCách dùng / usage: ${INIT_USAGE}`);
    return 2;
  }
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (!(await isBlankDatabase(handle))) {
      console.error(
        'dondoc: cơ sở dữ liệu không trống, không thay đổi gì / the database is not empty; nothing was changed',
      );
      return 2;
    }
    await migrate(handle);
    await ensureDefaultRuleSet(handle.db);
    await ensureDefaultTemplate(handle.db);
    const result = await initProduction(handle, systemClock, options, (line) => console.log(line));
    if (!result.ok) {
      for (const line of result.errors) console.error(`dondoc: ${line}`);
      return 2;
    }
    console.log(
      `Mật khẩu dùng một lần của ${options.admin}, phải đổi khi đăng nhập lần đầu / ` +
        `one-time password, to be changed at the first login:`,
    );
    console.log(result.password);
    return 0;
  } finally {
    await handle.close();
  }
}

async function officesImportCommand(handle: DatabaseHandle, path: string): Promise<number> {
  const file = await readOfficeFile(path);
  const result =
    file.errors.length > 0
      ? { ok: false as const, errors: file.errors }
      : await importOffices(handle.db, file.rows, { userId: null, at: systemClock.now() });
  if (!result.ok) {
    for (const e of result.errors) console.error(`${path}: ${formatOfficeError(e)}`);
    console.error('dondoc: tệp bị từ chối, không thay đổi gì / file refused, nothing was changed');
    return 2;
  }
  const { add, rename, unchanged } = result.plan;
  console.log(
    `dondoc: thêm / added ${add.length}, đổi tên / renamed ${rename.length}, giữ nguyên / unchanged ${unchanged}`,
  );
  return 0;
}

const BACKUP_USAGE =
  'dondoc backup TỆP.sql[.gz]  |  dondoc restore TỆP.sql[.gz]  (vào CSDL trống / into an empty database)';

async function restore(config: Config, path: string | undefined): Promise<number> {
  if (!path) {
    console.error(`Cách dùng / usage: ${BACKUP_USAGE}`);
    return 2;
  }
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (!(await isBlankDatabase(handle))) {
      console.error('dondoc: chỉ khôi phục vào CSDL trống (thư mục mới) / restore goes into an empty database only');
      return 2;
    }
    const summary = await restoreBackup(handle, resolve(path));
    console.log(
      `dondoc: đã khôi phục / restored ${summary.tables} bảng / tables, ` +
        `${summary.rows.toLocaleString('vi-VN')} dòng / rows (schema ${summary.schemaVersion})`,
    );
    return 0;
  } catch (error) {
    if (error instanceof BackupRefused) {
      console.error(`dondoc: ${error.message}`);
      return 2;
    }
    throw error;
  } finally {
    await handle.close();
  }
}

const USAGE = `Cách dùng / usage: dondoc <lệnh>
  start     chạy ứng dụng (mặc định; --demo: nạp dữ liệu mẫu vào CSDL trống; --workers N: N tiến trình, cần
            DATABASE_URL) / run the app (--demo: demo data; --workers N: N app processes on one port)
  init      thiết lập CSDL trống cho sử dụng thật / set an empty database up for production: ${INIT_USAGE}
  offices   nhập cây cơ quan / import the office tree: ${OFFICES_USAGE}
  backup    sao lưu, khôi phục / back up, restore: ${BACKUP_USAGE}
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
        return await start(config, rest);
      case 'import': {
        const { handle } = await openConfigured(config);
        try {
          return await importCommand(handle, systemClock, rest[0], (line) => console.log(line), config.uploads);
        } finally {
          await handle.close();
        }
      }
      case 'init':
        return await init(config, rest);
      case 'offices': {
        if (rest[0] !== 'import' || !rest[1]) {
          console.error(`Cách dùng / usage: ${OFFICES_USAGE}`);
          return 2;
        }
        const { handle } = await openConfigured(config);
        try {
          return await officesImportCommand(handle, rest[1]);
        } finally {
          await handle.close();
        }
      }
      case 'backup': {
        if (!rest[0]) {
          console.error(`Cách dùng / usage: ${BACKUP_USAGE}`);
          return 2;
        }
        const { handle } = await openConfigured(config);
        try {
          const summary = await writeBackup(handle, resolve(rest[0]), systemClock.now());
          console.log(
            `dondoc: đã sao lưu / backed up ${summary.tables} bảng / tables, ` +
              `${summary.rows.toLocaleString('vi-VN')} dòng / rows, schema ${summary.schemaVersion} → ${rest[0]}`,
          );
          return 0;
        } finally {
          await handle.close();
        }
      }
      case 'restore':
        return await restore(config, rest[0]);
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
    if (error instanceof MigrationRefused || error instanceof DataFolderInUse) {
      console.error(`dondoc: ${error.message}`);
      return 3;
    }
    throw error;
  }
}
