import { describe, expect, it } from 'vitest';
import { virtualClock } from './virtual-clock.js';

describe('virtualClock', () => {
  it('moves time forward by each sleep without waiting for it', async () => {
    const clock = virtualClock(1_000);
    const started = Date.now();
    await clock.sleep(60_000);
    await clock.sleep(90_000);
    clock.advance(500);
    expect(clock.now()).toBe(1_000 + 150_500);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('rejects a sleep whose signal has already aborted, and leaves the time alone', async () => {
    const clock = virtualClock(0);
    await expect(clock.sleep(5_000, AbortSignal.abort(new Error('stopped')))).rejects.toThrow('stopped');
    expect(clock.now()).toBe(0);
  });
});
