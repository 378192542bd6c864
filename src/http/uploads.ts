import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { ExpectedType } from './error-catalogue.js';
import { AppError } from './errors.js';
import type { App } from './types.js';

/** How many first bytes a file's kind is told from. */
export const HEAD_BYTES = 4096;

export const fileTooLarge = (limit: number) => new AppError('file_too_large', { limit });

/** A body of another media type than `expected`; `declared` is the type the client named, where the message shows it. */
export const unsupportedType = (expected: ExpectedType, declared?: string) =>
  new AppError('unsupported_media_type', declared === undefined ? { expected } : { expected, declared });

/** The media type of the request, without parameters, lower case; octet-stream when the client names none. */
export function mediaType(request: FastifyRequest): string {
  const header = request.headers['content-type'];
  return (header ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
}

/**
 * Makes `files` a context whose routes take a file as the raw request body: no parser reads it, so the route checks
 * the login, the rights, the content type and the declared length first and streams the body to disk itself
 * (receiveFile). When the answer goes out before the body was read to its end (a refusal), the connection is closed
 * instead of the rest being read and thrown away.
 */
export function acceptRawFiles(files: App): void {
  files.removeAllContentTypeParsers();
  files.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  files.addHook('onSend', async (request, reply, payload) => {
    if (!request.raw.complete) reply.header('connection', 'close');
    return payload;
  });
}

/** Refuses a body that says beforehand it is larger than the limit (the count in receiveFile still holds). */
export function checkDeclaredLength(request: FastifyRequest, maxBytes: number): void {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw fileTooLarge(maxBytes);
}

export interface ReceivedFile {
  size: number;
  sha256: string;
  /** The first HEAD_BYTES bytes (fewer for a smaller file). */
  head: Buffer;
}

/**
 * Streams the request body (passed through by acceptRawFiles) to a new file at `path`, counting and hashing as it
 * goes. Refuses with 413 the moment the count passes `maxBytes`, with `check`'s error when the first bytes are not
 * a kind the route takes, and with 400 an empty body or one the client abandons. Every stream involved has its
 * errors handled: a failed upload is an answer, never a crash. On failure the caller removes `path`.
 */
export async function receiveFile(
  request: FastifyRequest,
  path: string,
  maxBytes: number,
  check: (head: Buffer) => AppError | null,
): Promise<ReceivedFile> {
  const source = request.body;
  if (!(source instanceof Readable)) throw new AppError('empty_file');
  checkDeclaredLength(request, maxBytes);
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  let checked = false;
  const checkHead = () => {
    checked = true;
    return check(head);
  };
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) return callback(fileTooLarge(maxBytes));
      if (!checked) {
        head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
        const refused = head.length >= HEAD_BYTES ? checkHead() : null;
        if (refused) return callback(refused);
      }
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      if (size === 0) return callback(new AppError('empty_file'));
      callback(checked ? null : checkHead());
    },
  });
  // A write the client's stream makes after a refusal must not surface as an unhandled error; the pipeline below
  // has already seen the first one.
  meter.on('error', () => {});
  const abandoned = () => meter.destroy(new AppError('upload_aborted'));
  source.once('aborted', abandoned);
  source.once('error', abandoned);
  const out = createWriteStream(path, { flags: 'wx' });
  // The file may still be opening when the upload fails; its late error must find a listener, and the caller may
  // remove the folder only once the file is closed.
  out.on('error', () => {});
  source.pipe(meter);
  try {
    await pipeline(meter, out);
  } finally {
    source.unpipe(meter);
    source.off('aborted', abandoned);
    source.off('error', abandoned);
    if (!out.closed) await once(out, 'close').catch(() => {});
  }
  return { size, sha256: hash.digest('hex'), head };
}
