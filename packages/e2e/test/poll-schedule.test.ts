import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenHub, definePlugin, silentLogger } from '@genhub/core';
import { virtualClock } from '@genhub/testkit';
import { expect, it } from 'vitest';
import { z } from 'zod';
import { settled, user } from './harness.js';

// The runner's default schedule end to end: a task just submitted is first asked about after
// pollInitialMs, so a 2-minute job costs at most 15 status calls and is seen within 10 s of being ready.
it('asks about a 2-minute task at most 15 times, the first after 2 s, and sees it within 10 s', async () => {
  const clock = virtualClock(1_000_000);
  let submittedAt = 0;
  const polledAt: number[] = [];
  const slow = definePlugin({
    id: 'slow',
    name: 'Slow Video',
    contract: 1,
    config: z.object({}),
    setup: () => ({
      models: () => [
        {
          id: 'slow/video',
          name: 'Slow Video',
          tasks: ['text-to-video'],
          output: 'video',
          params: z.object({ prompt: z.string() }),
          estimatePrice: () => ({ usd: 0 }),
        },
      ],
      submit: async () => {
        submittedAt = clock.now();
        return { status: 'pending', ref: { id: 't1' } };
      },
      poll: async () => {
        polledAt.push(clock.now() - submittedAt);
        return polledAt.at(-1)! >= 120_000 ? { status: 'succeeded', outputs: [] } : { status: 'pending' };
      },
    }),
  });
  const genhub = await createGenHub(
    { dataDir: mkdtempSync(join(tmpdir(), 'genhub-e2e-poll-')), limits: { maxJobsInFlight: 10 } },
    { plugins: [slow], env: {}, logger: silentLogger, clock },
  );
  await genhub.start();
  try {
    await genhub.store.ledger.grant(user, 1_000_000);
    const job = await genhub.generation.request({
      userId: user.id,
      model: 'slow/video',
      task: 'text-to-video',
      params: { prompt: 'waves' },
    });
    await settled(genhub, job);
    expect(polledAt[0]).toBe(2_000);
    expect(polledAt.length).toBeLessThanOrEqual(15);
    expect(polledAt.at(-1)! - 120_000).toBeLessThanOrEqual(10_000);
  } finally {
    await genhub.close();
  }
});
