import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../db/schema.js';
import { isProcessAlive } from '../process-alive.js';
import { leaseHolder, takeLease, takeOverLease } from './queries.js';

/** Who may run a named job: the holder of its lease in `job_lease` (the statements are in queries.ts). */

/** A holder name that says which process holds a lease: `host:pid:random`, so a dead local holder can be told. */
export function newLeaseHolder(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * The lease, taken when free or run out; or taken over at once from a process of this machine that is gone (killed
 * in the middle of its work), instead of waiting for its time to run out.
 */
export async function claimLease(db: Db, name: string, holder: string, ttlMs: number): Promise<boolean> {
  if (await takeLease(db, name, holder, ttlMs)) return true;
  const current = await leaseHolder(db, name);
  if (current === null) return takeLease(db, name, holder, ttlMs);
  const parts = current.split(':');
  const pid = Number(parts.at(-2));
  if (parts.slice(0, -2).join(':') !== hostname() || isProcessAlive(pid)) return false;
  return takeOverLease(db, name, current, holder, ttlMs);
}
