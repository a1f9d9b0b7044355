import { solidPng } from '@genhub/testkit';
import { testProvider } from '@genhub/testkit/vitest';
import { runwayPlugin } from '../src/index.js';
import { FAKE_RUNWAY_KEY, startFakeRunwayApi } from './fake-runway-api.js';

// GenHub's conformance suite over every Runway model, against the fake of Runway's API.
const fake = await startFakeRunwayApi();
const frame = `data:image/png;base64,${Buffer.from(solidPng(8, 8, [10, 120, 200])).toString('base64')}`;
const request = {
  model: 'runway/gen4_turbo',
  task: 'image-to-video',
  params: { prompt: 'waves roll in', images: [{ url: frame }], duration: 5 },
} as const;
const refusal = {
  failureCode: 'SAFETY.INPUT.TEXT',
  failure: 'The prompt was rejected by content moderation.',
};

testProvider({
  plugin: runwayPlugin,
  fake: {
    start: async () => ({
      config: { apiKey: FAKE_RUNWAY_KEY, baseUrl: fake.url },
      server: fake.server,
      close: () => fake.close(),
    }),
    scenarios: {
      success: { request, arrange: () => fake.plan({ runningPolls: 0, ending: 'succeeded' }) },
      pendingThenSucceeded: {
        request,
        arrange: () => fake.plan({ pendingPolls: 1, runningPolls: 2, ending: 'succeeded' }),
      },
      pendingThenFailed: {
        request,
        arrange: () => fake.plan({ runningPolls: 1, ending: refusal }),
        expect: { code: 'CONTENT_REJECTED' },
      },
      failure: {
        request: {
          ...request,
          params: { ...request.params, images: [{ url: 'https://203.0.113.9/frame.png' }] },
        },
        arrange: () => fake.plan({ runningPolls: 0, ending: 'succeeded' }),
        expect: { code: 'INVALID_INPUT' },
      },
      rateLimit: {
        request,
        arrange: () =>
          fake.server.route('POST /v1/image_to_video', {
            status: 429,
            headers: { 'retry-after': '1' },
            json: { error: 'You have exceeded the rate limit.' },
          }),
        expect: { retryAfterSeconds: 1 },
      },
      cancel: { request, arrange: () => fake.plan({ runningPolls: 50, ending: 'succeeded' }) },
    },
  },
  requests: {
    'runway/gen4.5': [
      {
        task: 'text-to-video',
        params: { prompt: 'a paper boat', width: 720, height: 1280, duration: 4 },
        sends: { ratio: '720:1280' },
      },
      {
        task: 'image-to-video',
        params: { prompt: 'it moves', images: [{ url: frame }], width: 960, height: 960 },
        sends: { ratio: '960:960' },
      },
    ],
    'runway/gen4_image': {
      params: { prompt: 'a lighthouse', width: 960, height: 720 },
      sends: { ratio: '960:720' },
    },
  },
});
