import { testProvider } from '@genhub/testkit/vitest';
import { ideogramPlugin } from '../src/index.js';
import { FAKE_IDEOGRAM_KEY, startFakeIdeogramApi } from './fake-ideogram-api.js';

// GenHub's conformance suite over every Ideogram model, against the fake of Ideogram's API.
const fake = await startFakeIdeogramApi();
const request = {
  model: 'ideogram/ideogram-v3',
  task: 'text-to-image',
  params: { prompt: 'a poster that says HELLO', seed: 9, renderingSpeed: 'TURBO' },
} as const;
const image = () => [{ url: fake.inputUrl('photo.png') }];

testProvider({
  plugin: ideogramPlugin,
  supports: { poll: false, cancel: false },
  fake: {
    start: async () => ({
      config: { apiKey: FAKE_IDEOGRAM_KEY, baseUrl: fake.url },
      server: fake.server,
      close: () => fake.close(),
    }),
    scenarios: {
      success: { request, arrange: () => fake.answer('images') },
      failure: {
        request,
        arrange: () => fake.answer({ status: 422, json: { error: 'Prompt failed the safety check.' } }),
        expect: { code: 'CONTENT_REJECTED' },
      },
      rateLimit: {
        request,
        arrange: () =>
          fake.answer({
            status: 429,
            headers: { 'retry-after': '1' },
            json: { error: 'Too many requests in flight.', reject_reason: 'inflight_limit' },
          }),
        expect: { retryAfterSeconds: 1 },
      },
    },
  },
  requests: {
    'ideogram/ideogram-v3': [
      { params: { prompt: 'a logo for a bakery', aspectRatio: '16:9', style: 'FLAT_VECTOR', quantity: 2 } },
      { task: 'image-to-image', params: { prompt: 'as a watercolour', images: image(), imageWeight: 70 } },
    ],
    'ideogram/ideogram-v3-edit': {
      params: {
        prompt: 'a red hat',
        images: image(),
        mask: { url: fake.inputUrl('mask.png') },
        magicPrompt: 'OFF',
      },
    },
    'ideogram/ideogram-v3-reframe': { params: { images: image(), width: 1344, height: 768, seed: 5 } },
    'ideogram/ideogram-v3-replace-background': {
      params: { prompt: 'a sunny beach', images: image(), renderingSpeed: 'QUALITY' },
    },
    'ideogram/upscale': { params: { images: image(), resemblance: 80, detail: 20, prompt: 'a cat' } },
  },
});
