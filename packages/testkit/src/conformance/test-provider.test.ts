import { describe, expect, it } from 'vitest';
import { fakePlugin } from '../fake-plugin.js';
import type { ScenarioRequest } from './run-scenario.js';
import { testProvider } from './test-provider.js';

const image = (prompt: string): ScenarioRequest => ({
  model: 'fake/image',
  task: 'text-to-image',
  params: { prompt },
});

testProvider({
  plugin: fakePlugin,
  // The fake plugin answers in-process: there is no API whose requests could be checked.
  supports: { http: false },
  fake: {
    start: async () => ({
      config: { apiKey: 'fake-secret-0123456789', pollsBeforeDone: '1' },
      close: async () => {},
    }),
    scenarios: {
      success: { request: image('a red apple') },
      failure: { request: image('a rejected apple [fail]'), expect: { code: 'CONTENT_REJECTED' } },
      rateLimit: { request: image('too many apples [rate-limit]'), expect: { retryAfterSeconds: 7 } },
      pendingThenSucceeded: { request: image('a slow apple [slow:2]') },
      pendingThenFailed: { request: image('a slow, rejected apple [slow:2] [fail]') },
      cancel: {
        request: { model: 'fake/video', task: 'text-to-video', params: { prompt: 'forever [hang]' } },
      },
    },
  },
  requests: {
    'fake/image': [
      { params: { prompt: 'a red apple on a wooden table', width: 512, height: 768, quantity: 2 } },
      { task: 'image-to-image', params: { prompt: 'bluer', images: [{ url: 'https://example.com/a.png' }] } },
    ],
  },
  additionalTests: (ctx) => {
    describe('every fake model', () => {
      it('costs what it estimated', async () => {
        for (const model of ctx.models) {
          const result = await ctx.run({
            request: { model: model.id, task: model.tasks[0]!, params: { ...model.example } },
          });
          expect(result.status, model.id).toBe('succeeded');
          expect(result.cost).toEqual(model.estimatePrice(result.params!));
        }
      });
    });
  },
});
