import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/** C0 and C1 controls and DEL. Tab, line feed and carriage return are text in a body (a reason, a note, an address). */
const CONTROL_IN_BODY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** In the address (path parameters, query string) no control character is text. */
const CONTROL_IN_URL = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * Where `value` holds a string (or object key) with a control character: `body.reason`, `query.q`, `body.items[2]`.
 * Walks without recursion, so a deeply nested body cannot exhaust the stack.
 */
function findControl(value: unknown, root: string, pattern: RegExp): string | null {
  const pending: [unknown, string][] = [[value, root]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [v, path] = next;
    if (typeof v === 'string') {
      if (pattern.test(v)) return path;
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => pending.push([item, `${path}[${i}]`]));
    } else if (isPlainObject(v)) {
      for (const [key, item] of Object.entries(v)) {
        if (pattern.test(key)) return path;
        pending.push([item, `${path}.${key}`]);
      }
    }
  }
  return null;
}

/**
 * NUL and other control characters are refused at the boundary, before any route reads the request: PostgreSQL
 * cannot store NUL in text (the request would fail deep in a query), and the others have no place in the data and
 * can forge lines in logs, exports and letters. Parsed JSON bodies, the query string and path parameters are
 * checked; raw uploads (files, attachments) are bytes and are checked by their own readers.
 */
export async function refuseControlCharacters(request: FastifyRequest): Promise<void> {
  const where =
    findControl(request.params, 'params', CONTROL_IN_URL) ??
    findControl(request.query, 'query', CONTROL_IN_URL) ??
    (isParsedJson(request.body) ? findControl(request.body, 'body', CONTROL_IN_BODY) : null);
  if (where === null) return;
  throw new AppError('control_character', { field: where });
}

/**
 * Parsed JSON, a query string or path parameters; not a Buffer or a stream. The query parser's objects inherit from
 * a bare prototype of their own (no Object.prototype, so `?constructor=` is plain data).
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** A JSON body is a plain object or an array; a Buffer, a stream or the text of an upload is not. */
const isParsedJson = (body: unknown) => Array.isArray(body) || isPlainObject(body);
