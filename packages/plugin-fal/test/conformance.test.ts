import { solidPng } from '@genhub/testkit';
import { testProvider } from '@genhub/testkit/vitest';
import { falPlugin } from '../src/index.js';
import { FAKE_FAL_KEY, startFakeFalApi } from './fake-fal-api.js';

// GenHub's conformance suite over every bundled fal model, against the fake of fal's queue API.
const fake = await startFakeFalApi();
const frame = (color: readonly [number, number, number]) =>
  `data:image/png;base64,${Buffer.from(solidPng(8, 8, color)).toString('base64')}`;
const request = {
  model: 'fal/pika:v2.2:text-to-video',
  task: 'text-to-video',
  params: { prompt: 'waves roll in' },
} as const;
const refusal = {
  error: 'The content could not be processed because it contained material flagged by a content checker.',
  errorType: 'content_policy_violation',
};

testProvider({
  plugin: falPlugin,
  fake: {
    start: async () => ({
      config: { apiKey: FAKE_FAL_KEY, baseUrl: fake.url, storageUrl: fake.url },
      server: fake.server,
      close: () => fake.close(),
    }),
    scenarios: {
      success: { request, arrange: () => fake.plan({ runningPolls: 0, ending: 'succeeded' }) },
      pendingThenSucceeded: {
        request,
        arrange: () => fake.plan({ queuedPolls: 1, runningPolls: 2, ending: 'succeeded' }),
      },
      pendingThenFailed: {
        request,
        arrange: () => fake.plan({ runningPolls: 1, ending: refusal }),
        expect: { code: 'CONTENT_REJECTED' },
      },
      failure: {
        request,
        arrange: () =>
          fake.server.route('POST /fal-ai/pika/v2.2/text-to-video', {
            status: 422,
            json: { detail: [{ loc: ['body', 'prompt'], msg: refusal.error, type: refusal.errorType }] },
          }),
        expect: { code: 'CONTENT_REJECTED' },
      },
      rateLimit: {
        request,
        arrange: () =>
          fake.server.route('POST /fal-ai/pika/v2.2/text-to-video', {
            status: 429,
            headers: { 'retry-after': '1' },
            json: { detail: 'Rate limit exceeded' },
          }),
        expect: { retryAfterSeconds: 1 },
      },
      cancel: {
        request,
        arrange: () => fake.plan({ queuedPolls: 50, runningPolls: 50, ending: 'succeeded' }),
      },
    },
  },
  requests: {
    'fal/pika:v2.2:text-to-video': {
      params: { prompt: 'a paper boat', aspectRatio: '9:16', resolution: '1080p', duration: 10 },
      sends: { prompt: 'a paper boat', aspect_ratio: '9:16', resolution: '1080p', duration: 10 },
    },
    'fal/pika:v2.2:image-to-video': {
      task: 'image-to-video',
      params: { prompt: 'it moves', images: [{ url: frame([10, 120, 200]) }] },
      sends: { prompt: 'it moves' },
    },
    'fal/pika:v2.2:pikaframes': {
      task: 'image-to-video',
      params: {
        images: [{ url: frame([200, 0, 0]) }, { url: frame([0, 0, 200]) }],
        transitions: [{ duration: 3, prompt: 'red turns blue' }],
      },
      sends: {
        transitions: [{ duration: 3, prompt: 'red turns blue' }],
      },
    },
    'fal/mochi-v1': {
      params: { prompt: 'a dog running in a field', enablePromptExpansion: false },
      sends: { prompt: 'a dog running in a field', enable_prompt_expansion: false },
    },
  },
});
