import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GenerationInput, GenHub, JobRecord, Task } from '@genhub/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeOpenAiApi,
  moderationBlocked,
  OPENAI_FAKE_KEY,
  pngDataUri,
  quotaExceeded,
  rateLimited,
  serverError,
  startFakeOpenAiApi,
} from './fake-openai-api.js';
import { rejection, settled, startPipeline, user } from './harness.js';

// OpenAI through the real pipeline: createGenHub + generation.request, the fake on 127.0.0.1.

let fake: FakeOpenAiApi;
let genhub: GenHub | undefined;
let logs: readonly { message: string }[] = [];

beforeAll(async () => {
  fake = await startFakeOpenAiApi();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.reset();
  ({ genhub, logs } = await startPipeline(fake));
});
afterEach(async () => {
  await genhub?.close();
  genhub = undefined;
});

interface Kind {
  task: Task;
  model: string;
  params: () => Record<string, unknown>;
  route: string;
  stored: string[];
  /** The estimate charged, in micro-dollars. */
  chargedMicros: number;
}

const kinds: Kind[] = [
  {
    task: 'text-to-image',
    model: 'openai/gpt-image-1',
    params: () => ({
      prompt: 'a red fox',
      size: '1536x1024',
      quality: 'low',
      quantity: 2,
      outputFormat: 'webp',
    }),
    route: 'POST /v1/images/generations',
    stored: ['image/webp', 'image/webp'],
    chargedMicros: 32_000,
  },
  {
    task: 'image-to-image',
    model: 'openai/gpt-image-1.5',
    params: () => ({
      prompt: 'put them on one table',
      images: [{ url: pngDataUri() }, { url: pngDataUri() }],
      mask: { url: pngDataUri() },
      quality: 'medium',
      size: '1024x1024',
    }),
    route: 'POST /v1/images/edits',
    stored: ['image/png'],
    chargedMicros: 34_000,
  },
  {
    task: 'text-to-speech',
    model: 'openai/tts-1-hd',
    params: () => ({ prompt: 'Hello from GenHub.', voice: 'fable', format: 'mp3' }),
    route: 'POST /v1/audio/speech',
    stored: ['audio/mpeg'],
    chargedMicros: 540,
  },
];

function request(
  kind: Pick<Kind, 'model' | 'task' | 'params'>,
  safety?: GenerationInput['safety'],
): Promise<JobRecord> {
  return genhub!.generation.request({
    userId: user.id,
    model: kind.model,
    task: kind.task,
    params: kind.params(),
    safety,
  });
}

const balance = () => genhub!.store.ledger.balance(user);

describe.each(kinds)('OpenAI $task ($model) through the pipeline', (kind) => {
  it('succeeds: stores the files with their media types and charges the estimate', async () => {
    const done = await settled(genhub!, await request(kind));
    expect(done.error).toBeNull();
    expect(done.state).toBe('succeeded');
    expect(done.outputs.map((output) => output.mediaType)).toEqual(kind.stored);
    for (const output of done.outputs) {
      expect(readFileSync(join(genhub!.config.dataDir, 'artifacts', output.key)).byteLength).toBe(
        output.bytes,
      );
    }
    expect(done.chargedMicros).toBe(kind.chargedMicros);
    const [call] = fake.server.callsTo(kind.route);
    expect(call?.headers.authorization).toBe(`Bearer ${OPENAI_FAKE_KEY}`);
    expect(JSON.stringify(logs)).not.toContain(OPENAI_FAKE_KEY);
  });

  it('fails CONTENT_REJECTED on moderation_blocked, refunded, in OpenAI words', async () => {
    fake.failNext(moderationBlocked);
    const done = await settled(genhub!, await request(kind));
    expect(done).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'CONTENT_REJECTED' } });
    expect(JSON.stringify(done.error)).toContain('safety system');
    expect(done.outputs).toEqual([]);
    expect(await balance()).toMatchObject({ availableMicros: 10_000_000, reservedMicros: 0 });
  });

  it('fails RATE_LIMITED with the Retry-After OpenAI sends, refunded', async () => {
    fake.failNext(rateLimited);
    const done = await settled(genhub!, await request(kind));
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'RATE_LIMITED', retryAfterSeconds: 2 },
    });
  });

  it('fails INSUFFICIENT_FUNDS (not a rate limit) when the quota is used up', async () => {
    fake.failNext(quotaExceeded);
    const done = await settled(genhub!, await request(kind));
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'INSUFFICIENT_FUNDS', retryable: false },
    });
  });

  it('fails PROVIDER_UNAVAILABLE on a server error and keeps no error body as a result', async () => {
    fake.failNext(serverError);
    const done = await settled(genhub!, await request(kind));
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'PROVIDER_UNAVAILABLE' },
    });
    expect(done.outputs).toEqual([]);
    expect(await balance()).toMatchObject({ availableMicros: 10_000_000, reservedMicros: 0 });
  });
});

describe('OpenAI specifics through the pipeline', () => {
  it('sends a generation as the reference documents it', async () => {
    const done = await settled(
      genhub!,
      await request(
        {
          task: 'text-to-image',
          model: 'openai/gpt-image-2',
          params: () => ({
            prompt: 'a poster',
            size: '2048x1152',
            background: 'transparent',
            moderation: 'low',
          }),
        },
        // `moderation: low` is the mature level's; at standard it would be refused.
        { level: 'mature' },
      ),
    );
    expect(done.state).toBe('succeeded');
    expect(fake.server.callsTo('POST /v1/images/generations')[0]?.bodyJson).toEqual({
      model: 'gpt-image-2',
      prompt: 'a poster',
      n: 1,
      size: '2048x1152',
      quality: 'auto',
      background: 'transparent',
      output_format: 'png',
      moderation: 'low',
    });
  });

  it('turns an aspect ratio into a size: the ratio itself for gpt-image-2, the nearest size with a warning for the others', async () => {
    const two = await settled(
      genhub!,
      await request({
        task: 'text-to-image',
        model: 'openai/gpt-image-2',
        params: () => ({ prompt: 'a wide shot', aspectRatio: '16:9' }),
      }),
    );
    expect(two.state).toBe('succeeded');
    const one = await settled(
      genhub!,
      await request({
        task: 'text-to-image',
        model: 'openai/gpt-image-1',
        params: () => ({ prompt: 'a tall shot', aspectRatio: '9:16' }),
      }),
    );
    expect(one.state).toBe('succeeded');
    expect(one.warnings).toContainEqual(
      expect.objectContaining({ type: 'adjusted', param: 'aspectRatio', to: '1024x1536' }),
    );
    const sizes = fake.server
      .callsTo('POST /v1/images/generations')
      .map((call) => (call.bodyJson as { size: string }).size);
    expect(sizes).toEqual(['1680x944', '1024x1536']);
  });

  it('uploads every edit image as image[] and the mask as mask', async () => {
    const done = await settled(genhub!, await request(kinds[1]!));
    expect(done.state).toBe('succeeded');
    const form = fake.server.callsTo('POST /v1/images/edits')[0]?.multipart;
    expect(form?.entries.filter((entry) => entry.name === 'image[]')).toHaveLength(2);
    expect(form?.files.mask?.type).toBe('image/png');
    expect(form?.fields).toMatchObject({
      model: 'gpt-image-1.5',
      prompt: 'put them on one table',
      size: '1024x1024',
    });
  });

  it('sends gpt-4o-mini-tts instructions, voice, format and speed, and stores WAV', async () => {
    const done = await settled(
      genhub!,
      await request({
        task: 'text-to-speech',
        model: 'openai/gpt-4o-mini-tts',
        params: () => ({
          prompt: 'Good evening.',
          voice: 'marin',
          format: 'wav',
          speed: 1.5,
          instructions: 'Calm and slow',
        }),
      }),
    );
    expect(done.state).toBe('succeeded');
    expect(done.outputs.map((output) => output.mediaType)).toEqual(['audio/wav']);
    expect(fake.server.callsTo('POST /v1/audio/speech')[0]?.bodyJson).toEqual({
      model: 'gpt-4o-mini-tts',
      input: 'Good evening.',
      voice: 'marin',
      response_format: 'wav',
      speed: 1.5,
      instructions: 'Calm and slow',
    });
  });

  it('refuses a voice tts-1 does not have before any request, naming the parameter', async () => {
    const error = await rejection(
      request({
        task: 'text-to-speech',
        model: 'openai/tts-1',
        params: () => ({ prompt: 'Hi', voice: 'marin' }),
      }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(error)).toContain('voice');
    expect(fake.server.calls).toHaveLength(0);
  });

  it('refuses a transparent JPEG before any request, naming the parameter', async () => {
    const error = await rejection(
      request({
        task: 'text-to-image',
        model: 'openai/gpt-image-1',
        params: () => ({ prompt: 'a logo', background: 'transparent', outputFormat: 'jpeg' }),
      }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(error)).toContain('background');
    expect(fake.server.calls).toHaveLength(0);
  });

  it('refuses an edit without an image before any request', async () => {
    const done = await settled(
      genhub!,
      await request({
        task: 'image-to-image',
        model: 'openai/gpt-image-1',
        params: () => ({ prompt: 'make it blue' }),
      }),
    ).catch((error: unknown) => error as JobRecord);
    expect(JSON.stringify(done)).toContain('images');
    expect(fake.server.calls).toHaveLength(0);
  });

  it('fails AUTH naming the setting when the key is wrong, and never shows the key', async () => {
    await genhub!.close();
    const wrongKey = 'sk-proj-wrongKeyXYZ0123456789abcdefghijkl';
    ({ genhub, logs } = await startPipeline(fake, wrongKey));
    const done = await settled(genhub!, await request(kinds[2]!));
    expect(done).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'AUTH' } });
    expect(JSON.stringify(done.error)).not.toContain(wrongKey);
    expect(JSON.stringify(logs)).not.toContain(wrongKey);
  });
});
