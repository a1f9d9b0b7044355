export interface RateRule {
  /** Most requests in any window. */
  max: number;
  windowSeconds: number;
}

export type AcquireResult = { ok: true; release(): void } | { ok: false; retryAfterSeconds: number };

/** Every this many `acquire` calls, keys whose window has passed are forgotten. */
const PRUNE_EVERY = 1024;

/**
 * Per-key sliding-window rate limiting, in memory. `acquire` takes a slot if one is free; `release`
 * gives it back (for a request refused later, such as for lack of credits). Keys whose window has
 * passed are forgotten as it goes, so memory follows the active users, not every user ever seen.
 */
export class SlidingWindowLimiter {
  readonly #hits = new Map<string, { windowMs: number; at: number[] }>();
  #calls = 0;

  acquire(key: string, rule: RateRule, now: number): AcquireResult {
    if (++this.#calls % PRUNE_EVERY === 0) this.#prune(now);
    const windowMs = rule.windowSeconds * 1000;
    const hits = (this.#hits.get(key)?.at ?? []).filter((at) => at > now - windowMs);
    this.#hits.set(key, { windowMs, at: hits });
    if (hits.length >= rule.max) {
      const oldest = hits[0] ?? now;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) };
    }
    hits.push(now);
    return {
      ok: true,
      release: () => {
        const current = this.#hits.get(key)?.at;
        const index = current?.lastIndexOf(now) ?? -1;
        if (current && index >= 0) current.splice(index, 1);
      },
    };
  }

  /** Keys currently remembered. */
  get size(): number {
    return this.#hits.size;
  }

  #prune(now: number): void {
    for (const [key, { windowMs, at }] of this.#hits) {
      if (at.every((hit) => hit <= now - windowMs)) this.#hits.delete(key);
    }
  }
}
