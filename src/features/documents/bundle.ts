import JSZip from 'jszip';
import type { Db } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import type { SessionUser } from '../auth/service.js';
import { NO_PROGRESS, type ProgressReporter } from '../progress/service.js';
import * as q from './queries.js';

/** The most documents one zip holds: as many as one recording of an action on many employers makes. */
export const MAX_DOCUMENTS_PER_ZIP = 200;
/** Documents are read this many at a time, so that the progress moves while a large selection is read. */
const READ_BATCH = 20;

/**
 * The stored documents as one zip, in employer order, each under its own file name (a second file of the same name
 * gets its id added). Every document must be in the user's scope: one that is not, or does not exist, refuses the
 * whole zip, as a download of it alone would. The .docx files are zips already, so they are stored, not deflated
 * again: the zip costs a copy of the bytes and no CPU to speak of. `progress` hears of the documents read, then of
 * the zip's making in percent.
 */
export async function documentsZip(
  db: Db,
  user: SessionUser,
  ids: number[],
  progress: ProgressReporter = NO_PROGRESS,
): Promise<{ zip: Buffer; count: number }> {
  const unique = [...new Set(ids)];
  if (unique.length > MAX_DOCUMENTS_PER_ZIP) throw new AppError('too_many_documents', { max: MAX_DOCUMENTS_PER_ZIP });
  const rows: Awaited<ReturnType<typeof q.documentsInScope>> = [];
  for (let i = 0; i < unique.length; i += READ_BATCH) {
    progress.report({ phase: 'loading', done: i, total: unique.length });
    rows.push(...(await q.documentsInScope(db, user.scope, unique.slice(i, i + READ_BATCH))));
  }
  if (rows.length !== unique.length) throw notFound('document');
  // Each batch comes in employer order; the zip holds them all in it.
  rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.id - b.id));
  const zip = new JSZip();
  const names = new Set<string>();
  for (const row of rows) {
    const name = names.has(row.file_name) ? row.file_name.replace(/(\.[^.]+)?$/, `-${row.id}$1`) : row.file_name;
    names.add(name);
    zip.file(name, row.docx, { compression: 'STORE' });
  }
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }, ({ percent }) =>
    progress.report({ phase: 'zipping', done: Math.floor(percent), total: 100 }),
  );
  return { zip: bytes, count: rows.length };
}
