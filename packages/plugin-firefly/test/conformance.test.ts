import { solidPng } from '@genhub/testkit';
import { testProvider } from '@genhub/testkit/vitest';
import { fireflyPlugin } from '../src/index.js';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeFireflyApi } from './fake-firefly-api.js';

// GenHub's conformance suite over every Firefly model, against the fake Firefly and IMS. Aspect
// ratios and resolutions become pixel sizes on the way, which the suite's "every value reaches the
// wire" check cannot follow: the requests here leave them at their defaults and pipeline.test.ts
// checks each mapping.
const fake = await startFakeFireflyApi();
const request = {
  model: 'firefly/image4_standard',
  task: 'text-to-image',
  params: { prompt: 'a red fox in snow' },
} as const;
const refusal = { error_code: 'prompt_unsafe', message: 'The prompt was flagged as unsafe.' };
const png = {
  url: `data:image/png;base64,${Buffer.from(solidPng(8, 8, [10, 20, 30])).toString('base64')}`,
  mediaType: 'image/png',
};

testProvider({
  plugin: fireflyPlugin,
  requests: {
    'firefly/image3': {
      params: {
        prompt: 'a watercolor harbour',
        negativePrompt: 'people',
        quantity: 2,
        seed: 7,
        contentClass: 'art',
        style: 'watercolor',
        styleStrength: 60,
        visualIntensity: 6,
        locale: 'en-US',
      },
      sends: {
        size: { width: 2048, height: 2048 },
        numVariations: 2,
        seeds: [7, 8],
        style: { presets: ['watercolor'], strength: 60 },
      },
    },
    'firefly/image4_ultra': {
      task: 'image-to-image',
      params: { prompt: 'the same room at night', images: [png], structureStrength: 80 },
      sends: { structure: { strength: 80 } },
    },
    'firefly/video1_standard': {
      params: {
        prompt: 'a paper boat',
        seed: 3,
        cameraMotion: 'camera zoom in',
        promptStyle: 'cinematic',
        shotAngle: 'aerial shot',
        shotSize: 'long shot',
        bitRateFactor: 18,
      },
      sends: {
        sizes: [{ width: 1920, height: 1080 }],
        seeds: [3],
        videoSettings: { cameraMotion: 'camera zoom in' },
      },
    },
  },
  fake: {
    start: async () => ({
      config: {
        clientId: FAKE_CLIENT_ID,
        clientSecret: FAKE_CLIENT_SECRET,
        baseUrl: fake.url,
        tokenUrl: fake.tokenUrl,
      },
      server: fake.server,
      close: () => fake.close(),
    }),
    scenarios: {
      success: { request, arrange: () => fake.plan({ runningPolls: 0, ending: 'succeeded' }) },
      pendingThenSucceeded: { request, arrange: () => fake.plan({ runningPolls: 2, ending: 'succeeded' }) },
      pendingThenFailed: {
        request,
        arrange: () => fake.plan({ runningPolls: 1, ending: refusal }),
        expect: { code: 'CONTENT_REJECTED' },
      },
      failure: {
        request,
        arrange: () => fake.server.route('POST /v3/images/generate-async', { status: 400, json: refusal }),
        expect: { code: 'CONTENT_REJECTED' },
      },
      rateLimit: {
        request,
        arrange: () =>
          fake.server.route('POST /v3/images/generate-async', {
            status: 429,
            headers: { 'retry-after': '2' },
            json: { error_code: 'backpressure_limited', message: 'Too many requests' },
          }),
        expect: { retryAfterSeconds: 2 },
      },
      cancel: { request, arrange: () => fake.plan({ runningPolls: 50, ending: 'succeeded' }) },
    },
  },
});
