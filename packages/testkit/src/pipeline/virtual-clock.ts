import type { Clock } from '@genhub/core';

/** A clock whose sleeps take no real time; `advance` moves it by hand. */
export interface VirtualClock extends Clock {
  advance(ms: number): void;
}

/**
 * A clock for counting the polls of a long job without waiting for it: each `sleep` moves the time
 * forward at once and resolves on the next turn of the event loop. Give it to `createGenHub` and to a
 * fake whose tasks finish at a time of this clock. Meant for one job at a time: sleeps that overlap
 * each add their whole length.
 */
export function virtualClock(start = Date.now()): VirtualClock {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      now += Math.max(0, ms);
    },
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      now += Math.max(0, ms);
      return new Promise((resolve) => setImmediate(resolve));
    },
  };
}
