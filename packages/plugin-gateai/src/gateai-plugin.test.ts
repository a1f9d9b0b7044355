import type { ScenarioRequest } from '@genhub/testkit';
import { testProvider } from '@genhub/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { type GateAiTaskScript, startGateAiFake } from '../test/fake/index.js';
import { gateaiPlugin } from './gateai-plugin.js';
import { isGateAiProvider } from './gateai-provider.js';

// The conformance suite every GenHub plugin passes, against the GateAI fake (built from docs.txt).
const fake = await startGateAiFake();

const image: ScenarioRequest = {
  model: 'gateai/gpt-image-2',
  task: 'text-to-image',
  params: { prompt: 'a red fox in fresh snow', width: 1000, height: 1000 },
};
const video: ScenarioRequest = {
  model: 'gateai/seedance-2.0',
  task: 'text-to-video',
  params: { prompt: 'a cat stretches and walks away', duration: 5 },
};
const model3d: ScenarioRequest = {
  model: 'gateai/rodin-v2',
  task: 'image-to-3d',
  params: { images: [{ url: 'https://example.com/chair.png' }], quality: 'medium' },
};

/** Each scenario starts with empty rate windows and free slots, and scripts the next task. */
const arrange = (script: GateAiTaskScript) => () => {
  fake.resetLimits();
  fake.nextTask(script);
};

testProvider({
  plugin: gateaiPlugin,
  supports: { cancel: false },
  fake: {
    start: async () => ({ config: fake.config, server: fake, close: () => fake.close() }),
    scenarios: {
      success: { request: image, arrange: arrange({ polls: 0 }) },
      failure: {
        request: image,
        arrange: arrange({ polls: 0, outcome: 'failed', error: 'Content blocked by the safety filter' }),
        expect: { code: 'CONTENT_REJECTED' },
      },
      rateLimit: {
        request: image,
        arrange: () => {
          fake.resetLimits();
          fake.fillRateWindow();
        },
        expect: { retryAfterSeconds: 30 },
      },
      pendingThenSucceeded: { request: video, arrange: arrange({ polls: 2 }) },
      pendingThenFailed: {
        request: model3d,
        arrange: arrange({ polls: 2, outcome: 'timeout' }),
        expect: { code: 'TIMEOUT' },
      },
    },
  },
  additionalTests(ctx) {
    describe('GateAI specifics', () => {
      it('runs on the catalogue discovered from /v1/models/schema', () => {
        expect(isGateAiProvider(ctx.provider)).toBe(true);
        if (!isGateAiProvider(ctx.provider)) return;
        expect(ctx.provider.catalogue).toMatchObject({ source: 'discovered', models: 7, skipped: 0 });
        expect(fake.callsTo('GET /v1/models/schema')).toHaveLength(1);
      });

      it('sent every generation as the document shows: Bearer key, { model, type, params }', () => {
        const calls = fake.callsTo('POST /api/generate');
        expect(calls.length).toBeGreaterThanOrEqual(5);
        for (const call of calls) {
          expect(call.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
          expect(call.headers['content-type']).toMatch(/^application\/json/);
          expect(call.bodyJson).toEqual({
            model: expect.any(String),
            type: expect.stringMatching(/^(image|video|3d)$/),
            params: expect.any(Object),
          });
        }
        const foxes = calls.filter((call) =>
          JSON.stringify(call.bodyJson).includes('a red fox in fresh snow'),
        );
        expect(foxes.length).toBeGreaterThan(0);
        expect(foxes[0]!.bodyJson).toEqual({
          model: 'gpt-image-2',
          type: 'image',
          params: {
            prompt: 'a red fox in fresh snow',
            width: 1008,
            height: 1008,
            quality: 'low',
            quantity: 1,
            output_format: 'jpeg',
          },
        });
        const polls = fake.callsTo('GET /get/:id');
        expect(polls.length).toBeGreaterThan(0);
        for (const poll of polls) expect(poll.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
      });

      it('translated shared names back to GateAI names (3D images to image_urls)', () => {
        // The scenarios' own requests, among every model's example run.
        const sent = fake
          .callsTo('POST /api/generate')
          .map((call) => call.bodyJson as { model: string; params: Record<string, unknown> });
        const chair = (body: (typeof sent)[number]) => JSON.stringify(body.params).includes('chair.png');
        expect(sent.find((body) => body.model === 'rodin-v2' && chair(body))?.params).toMatchObject({
          image_urls: ['https://example.com/chair.png'],
          quality: 'medium',
        });
        const cat = (body: (typeof sent)[number]) => body.params.prompt === 'a cat stretches and walks away';
        expect(sent.find((body) => body.model === 'seedance-2.0' && cat(body))?.params).toMatchObject({
          prompt: 'a cat stretches and walks away',
          duration: 5,
        });
      });
    });
  },
});
