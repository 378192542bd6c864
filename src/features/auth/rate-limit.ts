/**
 * Counts login attempts per client address in a sliding window, in memory: it slows guessing across many
 * usernames, which the per-account lockout alone does not. A restart forgets, which is acceptable for a throttle.
 */
export class LoginRateLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    readonly limit = 20,
    readonly windowMs = 5 * 60_000,
  ) {}

  /** Records an attempt at `nowMs`; false when the address has used up its attempts for the window. */
  tryAttempt(address: string, nowMs: number): boolean {
    const recent = (this.attempts.get(address) ?? []).filter((t) => nowMs - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.attempts.set(address, recent);
      return false;
    }
    recent.push(nowMs);
    this.attempts.set(address, recent);
    if (this.attempts.size > 10_000) this.forgetIdle(nowMs);
    return true;
  }

  private forgetIdle(nowMs: number): void {
    for (const [address, times] of this.attempts) {
      if (times.every((t) => nowMs - t >= this.windowMs)) this.attempts.delete(address);
    }
  }
}
