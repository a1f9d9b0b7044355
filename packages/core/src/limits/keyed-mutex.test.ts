import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('KeyedMutex', () => {
  it('never runs two tasks of one key at once, and keeps going after a failure', async () => {
    const mutex = new KeyedMutex();
    let running = 0;
    let most = 0;
    const task = async (fail: boolean) => {
      running += 1;
      most = Math.max(most, running);
      await tick();
      running -= 1;
      if (fail) throw new Error('boom');
      return 'ok';
    };
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => mutex.run('a', () => task(i % 3 === 0))),
    );
    expect(most).toBe(1);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(13);
  });

  it('runs different keys in parallel', async () => {
    const mutex = new KeyedMutex();
    let running = 0;
    let most = 0;
    await Promise.all(
      ['a', 'b', 'c'].map((key) =>
        mutex.run(key, async () => {
          running += 1;
          most = Math.max(most, running);
          await tick();
          running -= 1;
        }),
      ),
    );
    expect(most).toBe(3);
  });
});
