import { testProvider } from '@genhub/testkit/vitest';
import { recraftPlugin } from '../src/index.js';
import { pngDataUri, RECRAFT_FAKE_KEY, startFakeRecraftApi } from './fake-recraft-api.js';

// GenHub's conformance suite over every Recraft model, against the fake of Recraft's API.
const fake = await startFakeRecraftApi();
const request = {
  model: 'recraft/recraftv4_1',
  task: 'text-to-image',
  params: { prompt: 'a red fox in snow' },
} as const;
const oneImage = { params: { images: [{ url: pngDataUri() }] } };

testProvider({
  plugin: recraftPlugin,
  // Every Recraft call answers at once: nothing to poll or cancel.
  supports: { poll: false, cancel: false },
  requests: {
    'recraft/vectorize': oneImage,
    'recraft/remove-background': oneImage,
    'recraft/crisp-upscale': oneImage,
    'recraft/creative-upscale': oneImage,
    'recraft/recraftv3': {
      params: {
        prompt: 'a lighthouse',
        style: 'realistic_image',
        substyle: 'hdr',
        aspectRatio: '16:9',
        seed: 7,
      },
      sends: { model: 'recraftv3', style: 'realistic_image', substyle: 'hdr', size: '16:9', random_seed: 7 },
    },
  },
  fake: {
    start: async () => ({
      config: { apiKey: RECRAFT_FAKE_KEY, baseUrl: fake.baseUrl },
      server: fake.server,
      close: () => fake.close(),
    }),
    scenarios: {
      success: { request, arrange: () => fake.reset() },
      failure: {
        request,
        arrange: () =>
          fake.failNext({ status: 400, json: { code: 'nsfw', message: 'The prompt was flagged as NSFW' } }),
        expect: { code: 'CONTENT_REJECTED' },
      },
      rateLimit: {
        request,
        arrange: () =>
          fake.failNext({ status: 429, headers: { 'retry-after': '2' }, body: 'Too many requests' }),
        expect: { retryAfterSeconds: 2 },
      },
    },
  },
});
