import { isIPv6 } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/schema.js';
import { AppError } from './errors.js';
import { hitRateLimitWindow, purgeRateLimitWindows } from './queries.js';

const WINDOW_MS = 60_000;
/** Ended windows are deleted at most this often by each process; a few rows of the last minutes cost nothing. */
const PURGE_EVERY_MS = 60_000;

/**
 * Requests per client address in fixed one-minute windows, counted in the database: enough to keep a crowd or a
 * script from turning a public look-up into a bulk download or a load test, and the same allowance whichever of
 * the app servers on the database a client reaches. Behind a reverse proxy the address is the one the proxy reports,
 * and only when TRUST_PROXY names it.
 */
export class AddressRateLimit {
  private purgedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: Db,
    /** Tells this limit's counts from the others' in the shared table. */
    private readonly name: string,
    readonly perMinute: number,
  ) {}

  /** Counts a request at `nowMs`; the seconds to wait when the address has used up its minute, else null. */
  async take(address: string, nowMs: number): Promise<number | null> {
    const windowStart = nowMs - (nowMs % WINDOW_MS);
    if (nowMs - this.purgedAt >= PURGE_EVERY_MS) {
      this.purgedAt = nowMs;
      await purgeRateLimitWindows(this.db, new Date(windowStart));
    }
    const hits = await hitRateLimitWindow(this.db, `${this.name}:${addressKey(address)}`, new Date(windowStart));
    if (hits <= this.perMinute) return null;
    return Math.max(1, Math.ceil((windowStart + WINDOW_MS - nowMs) / 1000));
  }
}

/**
 * An IPv6 client owns at least a /64, so its addresses count together; an IPv4 address (also when mapped into IPv6)
 * counts alone.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = address.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/** Answers 429 with Retry-After when the request's address has used up its minute on this limit. */
export async function enforceRateLimit(
  limit: AddressRateLimit,
  request: FastifyRequest,
  reply: FastifyReply,
  at: Date,
): Promise<void> {
  const wait = await limit.take(request.ip, at.getTime());
  if (wait === null) return;
  reply.header('retry-after', String(wait));
  throw new AppError('too_many_requests', { retryAfter: wait });
}
