import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock.js';
import type { DatabaseHandle } from '../db/connection.js';
import { formatFieldError, type LedgerFile } from '../features/imports/records.js';
import { importLedgerFile } from '../features/imports/service.js';

export const IMPORT_USAGE = 'dondoc import DIR   (employers.csv, obligations.csv, payments.csv — those present)';

/**
 * `dondoc import DIR`: imports the interchange files of a folder into the database, employers first so that the
 * other files can refer to them. Each file is atomic; a refused file stops the run before the files after it.
 */
export async function importCommand(
  handle: DatabaseHandle,
  clock: Clock,
  dir: string | undefined,
  log: (line: string) => void,
): Promise<number> {
  if (!dir) {
    log(`usage: ${IMPORT_USAGE}`);
    return 2;
  }
  const root = await handle.db.selectFrom('office').select(['id', 'path']).where('parent_id', 'is', null).executeTakeFirst();
  if (!root) {
    log('dondoc: the database has no offices yet; start dondoc once (it loads them) before importing');
    return 2;
  }
  const kinds: LedgerFile[] = ['employers', 'obligations', 'payments'];
  const present = kinds.filter((k) => existsSync(join(dir, `${k}.csv`)));
  if (present.length === 0) {
    log(`dondoc: no employers.csv, obligations.csv or payments.csv in ${dir}`);
    return 2;
  }
  for (const kind of present) {
    const started = Date.now();
    const result = await importLedgerFile(handle, clock, { userId: null, scope: root.path, officeId: root.id }, kind,
      join(dir, `${kind}.csv`), `${kind}.csv`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.status === 'refused') {
      for (const e of result.errors) log(formatFieldError(e));
      log(`${kind}.csv: refused, ${result.errorCount} error(s); nothing from it was imported`);
      return 2;
    }
    log(
      result.status === 'unchanged'
        ? `${kind}.csv: already imported (${result.rows} rows); nothing changed`
        : `${kind}.csv: ${result.rows} rows, ${result.inserted} new, ${result.updated} changed, ` +
            `${result.employerIds.length} employers recomputed (${seconds} s)`,
    );
  }
  return 0;
}
