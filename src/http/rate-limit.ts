import { isIPv6 } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/**
 * Requests per client address in fixed one-minute windows, in memory: enough to keep a crowd or a script from
 * turning a public look-up into a bulk download or a load test, and forgotten at a restart, which is acceptable for
 * a throttle. Behind a reverse proxy the address is the one the proxy reports, and only when TRUST_PROXY names it.
 */
export class AddressRateLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly perMinute: number,
    /** Addresses remembered at most; a flood of new addresses forgets the oldest windows first. */
    private readonly maxAddresses = 100_000,
  ) {}

  /** Counts a request at `nowMs`; the seconds to wait when the address has used up its minute, else null. */
  take(address: string, nowMs: number): number | null {
    const key = addressKey(address);
    let window = this.windows.get(key);
    if (!window || nowMs - window.start >= 60_000) {
      // Re-inserted so the map's order stays oldest window first.
      this.windows.delete(key);
      window = { start: nowMs, count: 0 };
      this.windows.set(key, window);
      if (this.windows.size > this.maxAddresses) this.forget(nowMs);
    }
    if (window.count >= this.perMinute) return Math.max(1, Math.ceil((window.start + 60_000 - nowMs) / 1000));
    window.count++;
    return null;
  }

  private forget(nowMs: number): void {
    for (const [key, window] of this.windows) {
      if (this.windows.size <= this.maxAddresses && nowMs - window.start < 60_000) break;
      this.windows.delete(key);
    }
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
export function enforceRateLimit(
  limit: AddressRateLimit,
  request: FastifyRequest,
  reply: FastifyReply,
  at: Date,
): void {
  const wait = limit.take(request.ip, at.getTime());
  if (wait === null) return;
  reply.header('retry-after', String(wait));
  throw new AppError('too_many_requests', { retryAfter: wait });
}
