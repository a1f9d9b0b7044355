import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenHub, definePlugin, silentLogger } from '@genhub/core';
import { minimalMp4, virtualClock, waitForJob } from '@genhub/testkit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const READY_AFTER_MS = 120_000;

/** A provider whose one video task is ready two minutes (of the given clock) after its submit. */
function twoMinuteProvider(clock: { now(): number }) {
  const polls: number[] = [];
  let readyAt = 0;
  const plugin = definePlugin({
    id: 'slow',
    name: 'Slow video',
    contract: 1,
    config: z.object({}),
    setup: () => ({
      models: () => [
        {
          id: 'slow/video',
          name: 'Slow video',
          tasks: ['text-to-video'],
          output: 'video',
          params: z.object({ prompt: z.string().min(1) }),
          estimatePrice: () => ({ usd: 0 }),
          example: { prompt: 'waves' },
        },
      ],
      async submit() {
        readyAt = clock.now() + READY_AFTER_MS;
        return { status: 'pending', ref: { id: 'task-1' } };
      },
      async poll() {
        polls.push(clock.now());
        if (clock.now() < readyAt) return { status: 'pending' };
        return {
          status: 'succeeded',
          outputs: [{ kind: 'bytes', data: minimalMp4(), mediaType: 'video/mp4' }],
        };
      },
    }),
  });
  return { plugin, polls, readyAt: () => readyAt };
}

describe('the default poll schedule, through the pipeline on a virtual clock', () => {
  it('asks about a 2-minute task at most 15 times and sees it done within 10 s', async () => {
    const clock = virtualClock();
    const slow = twoMinuteProvider(clock);
    const genhub = await createGenHub(
      { dataDir: mkdtempSync(join(tmpdir(), 'genhub-poll-schedule-')) },
      { plugins: [slow.plugin], clock, logger: silentLogger },
    );
    try {
      await genhub.start();
      const job = await genhub.generation.request({
        userId: 'u1',
        task: 'text-to-video',
        params: { prompt: 'waves' },
      });
      const done = await waitForJob(genhub, job, { timeoutMs: 20_000 });
      expect(done.state).toBe('succeeded');
      expect(slow.polls.length).toBeLessThanOrEqual(15);
      expect(slow.polls.at(-1)! - slow.readyAt()).toBeLessThanOrEqual(10_000);
      expect(slow.polls.at(-1)!).toBeGreaterThanOrEqual(slow.readyAt());
    } finally {
      await genhub.close();
    }
  });
});
