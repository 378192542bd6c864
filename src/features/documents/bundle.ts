import JSZip from 'jszip';
import type { Db } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import type { SessionUser } from '../auth/service.js';
import * as q from './queries.js';

/** The most documents one zip holds: as many as one recording of an action on many employers makes. */
export const MAX_DOCUMENTS_PER_ZIP = 200;

/**
 * The stored documents as one zip, in employer order, each under its own file name (a second file of the same name
 * gets its id added). Every document must be in the user's scope: one that is not, or does not exist, refuses the
 * whole zip, as a download of it alone would. The .docx files are zips already, so they are stored, not deflated
 * again: the zip costs a copy of the bytes and no CPU to speak of.
 */
export async function documentsZip(db: Db, user: SessionUser, ids: number[]): Promise<{ zip: Buffer; count: number }> {
  const unique = [...new Set(ids)];
  if (unique.length > MAX_DOCUMENTS_PER_ZIP) throw new AppError('too_many_documents', { max: MAX_DOCUMENTS_PER_ZIP });
  const rows = await q.documentsInScope(db, user.scope, unique);
  if (rows.length !== unique.length) throw notFound('document');
  const zip = new JSZip();
  const names = new Set<string>();
  for (const row of rows) {
    const name = names.has(row.file_name) ? row.file_name.replace(/(\.[^.]+)?$/, `-${row.id}$1`) : row.file_name;
    names.add(name);
    zip.file(name, row.docx, { compression: 'STORE' });
  }
  return { zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }), count: rows.length };
}
