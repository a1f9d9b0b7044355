import type { AcquireResult, RateRule } from './sliding-window-limiter.js';

/**
 * Per-key rate limiting: `SlidingWindowLimiter` in this process (the default), or
 * `RedisRateLimiter` shared by every process.
 */
export interface RateLimiter {
  acquire(key: string, rule: RateRule, now: number): AcquireResult | Promise<AcquireResult>;
}

/**
 * Runs tasks one at a time per key: `KeyedMutex` in this process (the default), or
 * `RedisAdmissionLock` across processes.
 */
export interface AdmissionLock {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}
