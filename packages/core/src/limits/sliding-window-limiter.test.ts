import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from './sliding-window-limiter.js';

const rule = { max: 5, windowSeconds: 60 };

describe('SlidingWindowLimiter', () => {
  it('allows max requests per window and says how long to wait', () => {
    const limiter = new SlidingWindowLimiter();
    for (let i = 0; i < 5; i++) expect(limiter.acquire('u1:image', rule, 1000 + i * 1000).ok).toBe(true);
    const refused = limiter.acquire('u1:image', rule, 10_000);
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 51 });
    expect(limiter.acquire('u2:image', rule, 10_000).ok).toBe(true);
    expect(limiter.acquire('u1:image', rule, 61_001).ok).toBe(true);
  });

  it('gives a slot back on release', () => {
    const limiter = new SlidingWindowLimiter();
    const one = { max: 1, windowSeconds: 60 };
    const first = limiter.acquire('k', one, 0);
    expect(limiter.acquire('k', one, 1).ok).toBe(false);
    if (first.ok) first.release();
    expect(limiter.acquire('k', one, 2).ok).toBe(true);
  });

  it('forgets users whose window has passed, so memory stays bounded', () => {
    const limiter = new SlidingWindowLimiter();
    for (let i = 0; i < 5000; i++) limiter.acquire(`user-${i}`, rule, i * 100);
    expect(limiter.size).toBeLessThan(1700);
  });

  it('never admits more than max within any window', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 300_000 }), { maxLength: 200 }), (times) => {
        const limiter = new SlidingWindowLimiter();
        const admitted = [...times].sort((a, b) => a - b).filter((at) => limiter.acquire('k', rule, at).ok);
        for (const start of admitted) {
          const inWindow = admitted.filter((at) => at >= start && at < start + 60_000);
          expect(inWindow.length).toBeLessThanOrEqual(rule.max);
        }
      }),
    );
  });
});
