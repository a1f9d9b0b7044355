import { testProvider } from '@genhub/testkit/vitest';
import plugin from '../src/index.js';
import { FAKE_API_KEY, startFakeApi } from './fake-api.js';

// GenHub's conformance suite, run against the fake API: every plugin passes it before it is used.
const fake = await startFakeApi();
const request = {
  model: 'acme/image',
  task: 'text-to-image',
  params: { prompt: 'a red fox in snow' },
} as const;
const refusal = { code: 'content_policy', message: 'The prompt was refused by the safety filter' };

testProvider({
  plugin,
  fake: {
    start: async () => ({
      config: { apiKey: FAKE_API_KEY, baseUrl: fake.url },
      // The suite reads the requests the fake received, to check each parameter reached the API.
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
        arrange: () => fake.server.route('POST /v1/images', { status: 400, json: { error: refusal } }),
        expect: { code: 'CONTENT_REJECTED' },
      },
      rateLimit: {
        request,
        arrange: () =>
          fake.server.route('POST /v1/images', {
            status: 429,
            headers: { 'retry-after': '1' },
            json: { error: { code: 'rate_limited', message: 'Slow down' } },
          }),
        expect: { retryAfterSeconds: 1 },
      },
      cancel: { request, arrange: () => fake.plan({ runningPolls: 5, ending: 'succeeded' }) },
    },
  },
});
