import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from './content-disposition.js';
import { DOCX_TYPE, XLSX_TYPE } from './file-types.js';

/** The types of the files the app builds. */
export const FILE_TYPES = {
  docx: DOCX_TYPE,
  xlsx: XLSX_TYPE,
  pdf: 'application/pdf',
  zip: 'application/zip',
} as const;

export interface Download {
  /** The name the browser saves it under, Vietnamese diacritics and all. */
  fileName: string;
  contentType: string;
  content: Buffer | Readable;
}

/** Sends a file to be saved, not shown: every route that answers with a file names and types it here. */
export function sendDownload(reply: FastifyReply, file: Download) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', attachmentDisposition(file.fileName))
    .send(file.content);
}
