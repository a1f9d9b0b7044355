import { testProvider } from '@genhub/testkit/vitest';
import { klingPlugin } from '../src/index.js';
import { FAKE_ACCESS_KEY, FAKE_SECRET_KEY, startFakeKlingApi } from './fake-kling-api.js';

// GenHub's conformance suite over every Kling model, against the fake of Kling's API.
const fake = await startFakeKlingApi();
const request = {
  model: 'kling/kling-v2-6',
  task: 'text-to-video',
  params: { prompt: 'a red fox in snow' },
} as const;

testProvider({
  plugin: klingPlugin,
  supports: { cancel: false },
  fake: {
    start: async () => ({
      config: { accessKey: FAKE_ACCESS_KEY, secretKey: FAKE_SECRET_KEY, baseUrl: fake.url },
      server: fake.server,
      close: () => fake.close(),
    }),
    scenarios: {
      success: { request, arrange: () => fake.plan({ runningPolls: 0, ending: 'succeed' }) },
      pendingThenSucceeded: { request, arrange: () => fake.plan({ runningPolls: 2, ending: 'succeed' }) },
      pendingThenFailed: {
        request,
        arrange: () =>
          fake.plan({ runningPolls: 1, ending: { failed: 'Failure to pass the risk control system' } }),
        expect: { code: 'CONTENT_REJECTED' },
      },
      failure: {
        request,
        arrange: () => fake.refuseCreates(400, 1301, 'Trigger the content security policy'),
        expect: { code: 'CONTENT_REJECTED' },
      },
      rateLimit: {
        request,
        arrange: () => fake.refuseCreates(429, 1302, 'The API request is too fast, please slow down'),
        expect: { retryAfterSeconds: 5 },
      },
    },
  },
  requests: {
    'kling/kling-v1-6': [
      {
        params: {
          prompt: 'a dolly shot of a lighthouse',
          mode: 'pro',
          duration: 10,
          camera: 'zoom',
          cameraStrength: -4,
          cfgScale: 0.7,
        },
        sends: {
          model_name: 'kling-v1-6',
          mode: 'pro',
          duration: '10',
          cfg_scale: 0.7,
          camera_control: { type: 'simple', config: { zoom: -4 } },
        },
      },
      {
        task: 'image-to-video',
        params: {
          prompt: 'it comes alive',
          firstFrame: { url: 'https://example.com/a.png' },
          lastFrame: { url: 'https://example.com/b.png' },
        },
        sends: { image: 'https://example.com/a.png', image_tail: 'https://example.com/b.png' },
      },
    ],
    'kling/kling-v2-6': {
      params: { prompt: 'a drummer on a rooftop', audio: true, aspectRatio: '9:16' },
      sends: { model_name: 'kling-v2-6', mode: 'pro', sound: 'on', aspect_ratio: '9:16' },
    },
  },
});
