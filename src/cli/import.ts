import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock.js';
import type { DatabaseHandle } from '../db/connection.js';
import { formatFieldError, type LedgerFile } from '../ledger-files/records.js';
import {
  importFirstLoad,
  importLedgerFile,
  type FileReadLimits,
  type ImportResult,
} from '../features/imports/service.js';
import { WorkbookRefused } from '../ledger-files/zip-check.js';
import { DEFAULT_UPLOAD_LIMITS } from '../config.js';
import { findRootOffice } from '../features/offices/queries.js';

export const IMPORT_USAGE = 'dondoc import DIR   (employers, obligations, payments: .csv or .xlsx — those present)';

/**
 * `dondoc import DIR`: imports the interchange files (.csv or .xlsx) of a folder into the database, employers first so that the
 * other files can refer to them. Into a ledger holding no employer yet, the CSV files are one first load, all of them
 * or nothing. Otherwise each file is atomic; a refused file stops the run before the files after it.
 */
export async function importCommand(
  handle: DatabaseHandle,
  clock: Clock,
  dir: string | undefined,
  log: (line: string) => void,
  limits: FileReadLimits = DEFAULT_UPLOAD_LIMITS,
): Promise<number> {
  if (!dir) {
    log(`usage: ${IMPORT_USAGE}`);
    return 2;
  }
  const root = await findRootOffice(handle.db);
  if (!root) {
    log('dondoc: the database has no offices yet; start dondoc once (it loads them) before importing');
    return 2;
  }
  const kinds: LedgerFile[] = ['employers', 'obligations', 'payments'];
  // The CSV when both are there: it is the interchange format, the workbook is its spreadsheet form.
  const files = kinds.flatMap((kind) => {
    const name = [`${kind}.csv`, `${kind}.xlsx`].find((n) => existsSync(join(dir, n)));
    return name ? [{ kind, name }] : [];
  });
  if (files.length === 0) {
    log(`dondoc: no employers, obligations or payments file (.csv or .xlsx) in ${dir}`);
    return 2;
  }
  // A first load of an empty ledger: every file in one transaction, checked set-wise (importFirstLoad).
  if (files.every((f) => f.name.endsWith('.csv'))) {
    const loaded = await importFirstLoad(
      handle,
      clock,
      { userId: null, scope: root.path, officeId: root.id },
      files.map(({ kind, name }) => ({ kind, path: join(dir, name), fileName: name })),
      {
        language: 'en',
        limits,
        // A country's load runs for minutes: each file is told as it goes in, in the one transaction.
        onFile: (kind, rows) => log(`${kind}: ${rows} rows in; nothing is kept until every file is in and checked`),
      },
    );
    if (loaded?.status === 'refused') {
      for (const e of loaded.errors) log(formatFieldError(e));
      log(`${loaded.fileName}: refused, ${loaded.errorCount} error(s); nothing from ${dir} was imported`);
      return 2;
    }
    if (loaded) {
      for (const f of loaded.files) log(`${f.fileName}: ${f.rows} rows, all new (${f.seconds.toFixed(1)} s)`);
      log(
        `${loaded.employerIds.length} employers' positions computed from the ${loaded.positionsFrom} (${loaded.positionSeconds.toFixed(1)} s)`,
      );
      return 0;
    }
  }
  for (const { kind, name } of files) {
    const started = Date.now();
    let result: ImportResult;
    try {
      result = await importLedgerFile(
        handle,
        clock,
        { userId: null, scope: root.path, officeId: root.id },
        kind,
        join(dir, name),
        name,
        undefined,
        limits,
        { language: 'en' },
      );
    } catch (error) {
      if (!(error instanceof WorkbookRefused)) throw error;
      log(`${name}: refused, the workbook ${error.message}; nothing from it was imported`);
      return 2;
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.status === 'refused') {
      for (const e of result.errors) log(formatFieldError(e));
      log(`${name}: refused, ${result.errorCount} error(s); nothing from it was imported`);
      return 2;
    }
    log(
      result.status === 'unchanged'
        ? `${name}: already imported (${result.rows} rows); nothing changed`
        : `${name}: ${result.rows} rows, ${result.inserted} new, ${result.updated} changed, ` +
            `${'employerIds' in result ? result.employerIds.length : 0} employers recomputed (${seconds} s)`,
    );
  }
  return 0;
}
