import { randomBytes } from 'node:crypto';
import { silentLogger } from '@genhub/provider';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunOptions } from '../pipeline/job-runner.js';
import { BullJobQueue } from './bullmq-job-queue.js';

// The address CI's Redis runs at (testkit's testServiceUrl, which core cannot import).
const redisUrl = process.env.GENHUB_TEST_REDIS_URL;
if (!redisUrl && process.env.GENHUB_TEST_SERVICES === 'required') {
  throw new Error('GENHUB_TEST_REDIS_URL is not set but GENHUB_TEST_SERVICES=required.');
}

async function until(condition: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.runIf(redisUrl)('BullJobQueue', () => {
  let queue: BullJobQueue | undefined;
  afterEach(async () => {
    await queue?.stop();
  });
  let prefix = '';
  const newQueue = () => {
    prefix = `genhub-test-${randomBytes(4).toString('hex')}`;
    return new BullJobQueue({ url: redisUrl!, prefix, concurrency: 2, lockSeconds: 5, logger: silentLogger });
  };

  it('holds a parked job as a delayed job with its cursor, and wakes it early', async () => {
    queue = newQueue();
    const runs: Array<RunOptions | undefined> = [];
    queue.start(async (_jobId, options) => {
      runs.push(options);
      // First run: park for a minute. Second: done.
      return runs.length === 1
        ? { kind: 'poll-later', afterMs: 60_000, cursor: { attempt: 3, failures: 1 } }
        : { kind: 'ended' };
    });
    await queue.enqueue('job-a');
    await until(() => runs.length === 1);
    let counts = await queue.counts();
    for (let i = 0; i < 100 && counts.delayed === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      counts = await queue.counts();
    }
    expect(counts).toMatchObject({ delayed: 1, active: 0 });
    // Enqueued again while parked: still one job.
    await queue.enqueue('job-a');
    expect((await queue.counts()).delayed).toBe(1);
    expect(await queue.wake('job-a')).toBe(true);
    await until(() => runs.length === 2);
    expect(runs[1]).toEqual({ cursor: { attempt: 3, failures: 1 }, cancelled: false });
    expect(await queue.wake('job-a')).toBe(false);
  }, 60_000);

  it('hands a cancel asked for elsewhere to the job, parked or running', async () => {
    queue = newQueue();
    const runs: Array<RunOptions | undefined> = [];
    queue.start(async (_jobId, options) => {
      runs.push(options);
      return options?.cancelled
        ? { kind: 'ended' }
        : { kind: 'poll-later', afterMs: 60_000, cursor: { attempt: 1, failures: 0 } };
    });
    await queue.enqueue('job-b');
    await until(() => runs.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await queue.requestCancel('job-b');
    await until(() => runs.length === 2);
    expect(runs[1]?.cancelled).toBe(true);
  }, 60_000);

  it('never runs one job twice at once: a job handed back while this process still runs it joins that run', async () => {
    queue = newQueue();
    let runs = 0;
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    queue.start(async () => {
      runs += 1;
      await released;
      return { kind: 'poll-later', afterMs: 60_000, cursor: { attempt: 2, failures: 0 } };
    });
    await queue.enqueue('job-c');
    await until(() => runs === 1);
    // The lock lapses, as when this process stalls past lockSeconds: the stalled-job check hands the
    // job out again, here, while the first run goes on.
    const redis = new Redis(redisUrl!);
    try {
      await redis.del(`${prefix}:jobs:job-c:lock`);
      await until(() => queue!.size().running === 2, 40_000);
      expect(runs).toBe(1);
      release();
      // The attempt holding the lock parks the job with the run's cursor.
      let counts = await queue.counts();
      for (let i = 0; i < 200 && counts.delayed === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        counts = await queue.counts();
      }
      expect(counts).toMatchObject({ delayed: 1, active: 0 });
      expect(runs).toBe(1);
    } finally {
      release();
      redis.disconnect();
    }
  }, 90_000);
});
