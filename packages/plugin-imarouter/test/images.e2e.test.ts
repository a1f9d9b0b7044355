import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastAnswer, usePipeline } from './harness.js';

const pipeline = usePipeline();

const PNG = '89504e47';

describe('images through the whole pipeline against the fake imarouter', () => {
  const cases: Array<
    [
      string,
      string,
      'text-to-image' | 'image-to-image',
      (url: (name: string) => string) => Record<string, unknown>,
    ]
  > = [
    [
      'Gemini text-to-image',
      'imarouter/gemini-3-pro-image-preview',
      'text-to-image',
      () => ({ prompt: 'a fox', aspectRatio: '16:9', size: '2K' }),
    ],
    [
      'Gemini image-to-image',
      'imarouter/gemini-3.1-flash-image-preview',
      'image-to-image',
      (url) => ({ prompt: 'watercolour', images: [{ url: url('in.png') }] }),
    ],
    [
      'Gemini 2.5 Flash',
      'imarouter/gemini-2.5-flash-image',
      'text-to-image',
      () => ({ prompt: 'a postcard', aspectRatio: '21:9' }),
    ],
    [
      'GPT Image 2 edit with a mask',
      'imarouter/gpt-image-2',
      'image-to-image',
      (url) => ({
        prompt: 'studio backdrop',
        images: [{ url: url('in.png') }],
        mask: { url: url('mask.png') },
        quality: 'high',
      }),
    ],
    [
      'GPT Image 2 text-to-image',
      'imarouter/gpt-image-2',
      'text-to-image',
      () => ({ prompt: 'a smartwatch', aspectRatio: '3:2' }),
    ],
    [
      'Seedream 5.0 Lite',
      'imarouter/doubao-seedream-5-0-lite-260128',
      'text-to-image',
      () => ({ prompt: 'a poster', size: '2K', output_format: 'png' }),
    ],
    [
      'Seedream 5.0',
      'imarouter/seedream-5-0-260128',
      'image-to-image',
      (url) => ({ prompt: 'a poster', images: [{ url: url('in.png') }], aspectRatio: '16:9' }),
    ],
    [
      'Seedream 4.5',
      'imarouter/doubao-seedream-4-5-251128',
      'text-to-image',
      () => ({ prompt: 'a poster', size: '4K' }),
    ],
    [
      'Wan 2.7',
      'imarouter/wan2.7-image',
      'text-to-image',
      () => ({ prompt: 'an illustration', seed: 12345 }),
    ],
    [
      'Wan 2.7 Pro',
      'imarouter/wan2.7-image-pro',
      'image-to-image',
      (url) => ({ prompt: 'an illustration', images: [{ url: url('in.png') }], size: '2K' }),
    ],
    [
      'Wan 2.6 t2i',
      'imarouter/wan2.6-t2i',
      'text-to-image',
      () => ({ prompt: 'a sunset', width: 1280, height: 720 }),
    ],
    [
      'Wan 2.6 image',
      'imarouter/wan2.6-image',
      'image-to-image',
      (url) => ({ prompt: 'a film poster', images: [{ url: url('in.png') }] }),
    ],
    [
      'PrunaAI p-image',
      'imarouter/prunaai-p-image',
      'text-to-image',
      () => ({ prompt: 'a cup', width: 768, height: 1024 }),
    ],
    [
      'PrunaAI p-image-edit',
      'imarouter/prunaai-p-image-edit',
      'image-to-image',
      (url) => ({ prompt: 'a product shot', images: [{ url: url('in.png') }] }),
    ],
  ];

  it.each(cases)('%s', async (_name, model, task, params) => {
    const job = await pipeline().run({
      model,
      task,
      params: params((name) => pipeline().fake.fileUrl(name)),
    });
    expect(job.error).toBeNull();
    expect(job.state).toBe('succeeded');
    expect(job.outputs).toHaveLength(1);
    expect(job.outputs[0]!.mediaType).toBe('image/png');
    const file = readFileSync(join(pipeline().genhub.config.dataDir, 'artifacts', job.outputs[0]!.key));
    expect(file.subarray(0, 4).toString('hex')).toBe(PNG);
    // The ledger settles to the document's amount_usd, or to the estimate when the answer has none.
    const answer = lastAnswer(pipeline().fake, job.remoteRef!.id);
    expect(answer.label).toMatch(/^GET \/v1\/images\/generations\/\{task_id\}/);
    expect(job.chargedMicros).toBe(
      answer.amountUsd === undefined ? job.reservedMicros : Math.round(answer.amountUsd * 1_000_000),
    );
    const sent = pipeline().fake.tasks.get(job.remoteRef!.id)!;
    expect(sent.body.model).toBe(job.remoteRef!.data && (job.remoteRef!.data as { model: string }).model);
  });

  it('settles a Gemini image at the document’s $0.032 and reports progress first', async () => {
    const events: string[] = [];
    const stop = pipeline().genhub.generation.events.subscribe((event) =>
      events.push(`${event.type}:${event.job.state}`),
    );
    const job = await pipeline().run({
      model: 'imarouter/gemini-3-pro-image-preview',
      task: 'text-to-image',
      params: { prompt: 'a fox' },
    });
    stop();
    expect(job.chargedMicros).toBe(32_000);
    expect(events).toEqual(
      expect.arrayContaining(['state:submitting', 'state:running', 'succeeded:succeeded']),
    );
  });

  it('fails and refunds a task the provider fails, with the provider’s words', async () => {
    const before = await pipeline().genhub.store.ledger.balance({ kind: 'user', id: 'u1' });
    const job = await pipeline().run({
      model: 'imarouter/gemini-3-pro-image-preview',
      task: 'text-to-image',
      params: { prompt: 'a fox [fail]' },
    });
    expect(job).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'PROVIDER_UNAVAILABLE' } });
    expect(job.error!.message).toContain('task failed');
    expect(await pipeline().genhub.store.ledger.balance({ kind: 'user', id: 'u1' })).toMatchObject({
      availableMicros: before.availableMicros,
    });
  });

  it('fails, unpaid, an image-to-image request that brings no image', async () => {
    const job = await pipeline().run({
      model: 'imarouter/gpt-image-2',
      task: 'image-to-image',
      params: { prompt: 'x' },
    });
    expect(job).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'INVALID_INPUT' } });
  });
});
