import { testProvider } from '@genhub/testkit/vitest';
import { openaiPlugin } from '../src/index.js';
import {
  moderationBlocked,
  OPENAI_FAKE_KEY,
  pngDataUri,
  rateLimited,
  startFakeOpenAiApi,
} from './fake-openai-api.js';

// GenHub's conformance suite over every OpenAI model, against the fake of OpenAI's API.
const fake = await startFakeOpenAiApi();
const request = {
  model: 'openai/gpt-image-1.5',
  task: 'text-to-image',
  params: { prompt: 'a red fox in snow', quality: 'low' },
} as const;

testProvider({
  plugin: openaiPlugin,
  // Every OpenAI call here answers at once: nothing to poll or cancel.
  supports: { poll: false, cancel: false },
  requests: {
    'openai/gpt-image-1': [
      { params: { prompt: 'a watercolor lighthouse at dusk', size: '1024x1024', quality: 'high' } },
      {
        task: 'image-to-image',
        params: {
          prompt: 'add a red scarf',
          images: [{ url: pngDataUri() }, { url: pngDataUri() }],
          mask: { url: pngDataUri() },
          inputFidelity: 'high',
          outputFormat: 'jpeg',
          outputCompression: 80,
        },
      },
    ],
    'openai/tts-1': { params: { prompt: 'Hello there.', voice: 'onyx', format: 'wav', speed: 0.5 } },
  },
  fake: {
    start: async () => ({
      config: { apiKey: OPENAI_FAKE_KEY, baseUrl: fake.baseUrl },
      server: fake.server,
      close: () => fake.close(),
    }),
    scenarios: {
      success: { request, arrange: () => fake.reset() },
      failure: {
        request,
        arrange: () => fake.failNext(moderationBlocked),
        expect: { code: 'CONTENT_REJECTED' },
      },
      rateLimit: { request, arrange: () => fake.failNext(rateLimited), expect: { retryAfterSeconds: 2 } },
    },
  },
});
