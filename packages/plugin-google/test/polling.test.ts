import { virtualClock } from '@genhub/testkit';
import { afterEach, expect, it } from 'vitest';
import { type FakeGoogleApi, startFakeGoogleApi } from './fake-google-api.js';
import { settled, startPipeline, user } from './harness.js';

// The Gemini API gives no poll hints for Veo operations; the plugin polls every 10 s, as the docs'
// examples do, within core's default bounds. A 2-minute video on a virtual clock: at most 15 status
// calls (core's first, at once, included), the result seen within 10 s of being ready.

let fake: FakeGoogleApi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

it('polls a 2-minute Veo operation at most 15 times and sees it done within 10 s', async () => {
  const clock = virtualClock();
  fake = await startFakeGoogleApi({ clock });
  fake.plan({ runningPolls: 0, readyAfterMs: 120_000, ending: 'succeeded' });
  const { genhub } = await startPipeline(fake, {
    clock,
    config: { jobs: { pollInitialMs: 2_000, pollMaxMs: 10_000 } },
  });
  try {
    const job = await genhub.generation.request({
      userId: user.id,
      model: 'google/veo-3.1-generate-preview',
      task: 'text-to-video',
      params: { prompt: 'a slow pan over a city at night' },
    });
    const done = await settled(genhub, job, 20_000);
    expect(done.state).toBe('succeeded');
    const name = (done.remoteRef as { id: string }).id;
    const polls = fake.server.callsTo('GET /v1beta/models/:model/operations/:id').length;
    expect(polls).toBeLessThanOrEqual(15);
    // Core polls once at once, then the plugin asks every 10 s: 0, 10, ..., 120 s.
    expect(polls).toBe(13);
    const ready = fake.readyAt(name);
    const seen = fake.seenDoneAt(name);
    expect(ready).toBeDefined();
    expect(seen! - ready!).toBeLessThanOrEqual(10_000);
  } finally {
    await genhub.close();
  }
});
