/**
 * Hạn chế đăng nhập sai: each failed login past a free allowance doubles the wait before the next attempt on the
 * same key, up to a ceiling. A wait, never a lock: the ceiling on an account alone stays short, so someone guessing
 * from many addresses slows the owner down by at most a minute and cannot shut them out.
 */
export interface BackoffRule {
  /** Failures allowed before any wait. */
  free: number;
  /** The wait after the first failure past the allowance; doubled by each further one. */
  firstWaitMs: number;
  maxWaitMs: number;
}

export const THROTTLE_RULES = {
  /** One address guessing one account's password. */
  pair: { free: 5, firstWaitMs: 1000, maxWaitMs: 15 * 60_000 },
  /** One account guessed at from anywhere: short ceiling, so guessers cannot keep the owner out. */
  account: { free: 10, firstWaitMs: 1000, maxWaitMs: 60_000 },
  /** One address trying many accounts (password spraying). */
  address: { free: 20, firstWaitMs: 1000, maxWaitMs: 15 * 60_000 },
} as const satisfies Record<string, BackoffRule>;

/** Failures older than this are forgotten: the count starts again. */
export const THROTTLE_MEMORY_MS = 24 * 3600_000;

/** How long to wait after the `failures`-th consecutive failure on a key. */
export function backoffMs(failures: number, rule: BackoffRule): number {
  const past = failures - rule.free;
  if (past <= 0) return 0;
  // 2^30 ms is already beyond any ceiling; capping the exponent keeps the number finite.
  return Math.min(rule.firstWaitMs * 2 ** Math.min(past - 1, 30), rule.maxWaitMs);
}
