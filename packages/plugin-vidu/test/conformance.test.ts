import { testProvider } from '@genhub/testkit/vitest';
import { viduPlugin } from '../src/index.js';
import { FAKE_VIDU_API_KEY, startFakeViduApi } from './fake-vidu-api.js';

// GenHub's conformance suite over every Vidu model, against the fake of Vidu's platform API.
const fake = await startFakeViduApi();
const request = {
  model: 'vidu/viduq2',
  task: 'text-to-video',
  params: { prompt: 'a red fox in snow' },
} as const;
const frame = (name: string) => ({ url: `https://example.com/${name}.png` });

testProvider({
  plugin: viduPlugin,
  fake: {
    start: async () => ({
      config: { apiKey: FAKE_VIDU_API_KEY, baseUrl: fake.url },
      server: fake.server,
      close: () => fake.close(),
    }),
    scenarios: {
      success: {
        request,
        arrange: () => fake.plan({ queueingPolls: 0, processingPolls: 0, ending: 'success' }),
      },
      pendingThenSucceeded: {
        request,
        arrange: () => fake.plan({ queueingPolls: 1, processingPolls: 1, ending: 'success' }),
      },
      pendingThenFailed: {
        request,
        arrange: () =>
          fake.plan({ queueingPolls: 0, processingPolls: 1, ending: { errCode: 'CreationPolicyViolation' } }),
        expect: { code: 'CONTENT_REJECTED' },
      },
      failure: {
        request,
        arrange: () => fake.refuseCreates(400, 'TaskPromptPolicyViolation', 'prompt policy violation'),
        expect: { code: 'CONTENT_REJECTED' },
      },
      rateLimit: {
        request,
        arrange: () => fake.refuseCreates(429, 'TooManyRequests', 'too many requests'),
        expect: { code: 'RATE_LIMITED' },
      },
      cancel: {
        request,
        arrange: () => fake.plan({ queueingPolls: 100, processingPolls: 0, ending: 'success' }),
      },
    },
  },
  requests: {
    'vidu/viduq1': [
      {
        params: { prompt: 'an anime city at night', style: 'anime', aspectRatio: '9:16', seed: 7 },
        sends: { model: 'viduq1', style: 'anime', aspect_ratio: '9:16', seed: 7, duration: 5 },
      },
      {
        task: 'image-to-video',
        params: { prompt: 'from dawn to dusk', firstFrame: frame('a'), lastFrame: frame('b') },
        sends: { images: ['https://example.com/a.png', 'https://example.com/b.png'] },
      },
    ],
    'vidu/vidu2.0': {
      task: 'image-to-video',
      params: {
        prompt: 'two friends hug',
        images: [frame('a'), frame('b'), frame('c')],
        duration: 8,
        resolution: '720p',
      },
      sends: { model: 'vidu2.0', duration: 8, resolution: '720p', aspect_ratio: '16:9' },
    },
    'vidu/viduq2-pro': {
      task: 'image-to-video',
      params: {
        prompt: 'it comes alive',
        firstFrame: frame('a'),
        movementAmplitude: 'large',
        bgm: true,
        resolution: '1080p',
      },
      sends: {
        model: 'viduq2-pro',
        images: ['https://example.com/a.png'],
        movement_amplitude: 'large',
        bgm: true,
        resolution: '1080p',
      },
    },
  },
});
