import { JobEvents, type JobRecord, silentLogger } from '@genhub/core';
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySurface } from './__fixtures__/memory-surface.js';
import type { ChatGenHub } from './chat-deps.js';
import { JobFollowers } from './job-follower.js';

const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
afterEach(() => {
  process.off('unhandledRejection', onRejection);
  rejections.length = 0;
});

describe('JobFollowers', () => {
  it('survives a store that cannot be read (no unhandled rejection), and still stops on close', async () => {
    process.on('unhandledRejection', onRejection);
    const events = new JobEvents();
    const genhub = {
      logger: silentLogger,
      generation: {
        events,
        get: () => Promise.reject(new Error('the database is closed')),
        queuePosition: () => undefined,
      },
    } as unknown as ChatGenHub;
    const followers = new JobFollowers(genhub);
    const surface = new MemorySurface();
    const handle = await surface.reply({ text: 'Starting...' });
    const job = {
      id: 'job1',
      task: 'text-to-image',
      state: 'queued',
      params: { prompt: 'a fox' },
      requestedModel: 'fake/image',
      route: ['fake/image'],
      routeIndex: 0,
      progress: null,
      outputs: [],
      warnings: [],
      error: null,
      reservedMicros: 0,
      chargedMicros: null,
    } as unknown as JobRecord;
    const followed = followers.follow(job, { handle, limits: surface.limits });
    await new Promise((resolve) => setTimeout(resolve, 50));
    followers.close();
    await followed;
    expect(rejections).toEqual([]);
  });
});
