import { FLAGGED_PROMPT_SENTENCE, type GenHub, GenHubError } from '@genhub/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAiApi, serverError, startFakeOpenAiApi } from './fake-openai-api.js';
import { rejection, settled, startPipeline, user } from './harness.js';

// OpenAI's moderation endpoint as GenHub's content check (`safety.moderationProvider: 'openai'`).

let fake: FakeOpenAiApi;
let genhub: GenHub | undefined;

beforeAll(async () => {
  fake = await startFakeOpenAiApi();
});
afterAll(() => fake.close());
afterEach(async () => {
  await genhub?.close();
  genhub = undefined;
});

const request = (prompt: string) => ({
  userId: user.id,
  communityId: 'discord:g1',
  task: 'text-to-image' as const,
  model: 'openai/gpt-image-1-mini',
  params: { prompt, quality: 'low' },
});

describe('the OpenAI content check', () => {
  it('refuses a flagged prompt before any price or image request, logs it for the community, and lets others run', async () => {
    fake.reset();
    ({ genhub } = await startPipeline(fake, undefined, { safety: { moderationProvider: 'openai' } }));
    await genhub.store.ledger.grant(user, 5_000_000);
    const before = await genhub.store.ledger.balance(user);

    for (const attempt of [
      () => genhub!.generation.quote(request('a FLAGGED scene')),
      () => genhub!.generation.request(request('a FLAGGED scene')),
    ]) {
      const refused = await rejection(attempt());
      expect(GenHubError.isInstance(refused) && refused.message).toBe(FLAGGED_PROMPT_SENTENCE);
    }
    expect(await genhub.store.ledger.balance(user)).toEqual(before);
    const routes = fake.server.calls.map((call) => `${call.method} ${call.path}`);
    expect(routes).toEqual(['POST /v1/moderations']);
    expect(fake.server.calls[0]?.bodyJson).toEqual({
      model: 'omni-moderation-latest',
      input: 'a FLAGGED scene\nlow',
    });
    const [entry] = await genhub.moderation.log({ community: 'discord:g1' });
    expect(entry).toMatchObject({
      action: 'prompt-refused',
      target: user.id,
      detail: 'content check: violence',
    });

    const clean = await genhub.generation.request(request('a quiet lake'));
    expect((await settled(genhub, clean)).state).toBe('succeeded');
    expect(fake.server.calls.map((call) => call.path)).toContain('/v1/images/generations');
  });

  it('refuses for now, moving nothing, when the check cannot answer', async () => {
    fake.reset();
    ({ genhub } = await startPipeline(fake, undefined, { safety: { moderationProvider: 'openai' } }));
    await genhub.store.ledger.grant(user, 5_000_000);
    fake.failNext(serverError);
    const refused = await rejection(genhub.generation.request(request('a lake at dawn')));
    expect(GenHubError.isInstance(refused) && refused.code).toBe('PROVIDER_UNAVAILABLE');
    expect(await genhub.store.jobs.countActive(user.id)).toBe(0);
  });

  it('will not start when the named provider offers no content check', async () => {
    await expect(
      startPipeline(fake, undefined, { safety: { moderationProvider: 'nosuch' } }),
    ).rejects.toThrow(/safety\.moderationProvider/);
  });
});
