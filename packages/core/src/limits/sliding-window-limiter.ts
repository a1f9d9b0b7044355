export interface RateRule {
  /** Most requests in any window. */
  max: number;
  windowSeconds: number;
}

export type AcquireResult = { ok: true; release(): void } | { ok: false; retryAfterSeconds: number };

/**
 * Per-key sliding-window rate limiting, in memory. `acquire` takes a slot if one is free; `release`
 * gives it back (for a request refused later, such as for lack of credits).
 */
export class SlidingWindowLimiter {
  readonly #hits = new Map<string, number[]>();

  acquire(key: string, rule: RateRule, now: number): AcquireResult {
    const windowMs = rule.windowSeconds * 1000;
    const hits = (this.#hits.get(key) ?? []).filter((at) => at > now - windowMs);
    if (hits.length >= rule.max) {
      this.#hits.set(key, hits);
      const oldest = hits[0] ?? now;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) };
    }
    hits.push(now);
    this.#hits.set(key, hits);
    return {
      ok: true,
      release: () => {
        const current = this.#hits.get(key);
        const index = current?.lastIndexOf(now) ?? -1;
        if (current && index >= 0) current.splice(index, 1);
      },
    };
  }

  /** Forgets keys with no hits inside `windowSeconds`, so memory stays bounded. */
  prune(now: number, windowSeconds: number): void {
    for (const [key, hits] of this.#hits) {
      if (hits.every((at) => at <= now - windowSeconds * 1000)) this.#hits.delete(key);
    }
  }
}
