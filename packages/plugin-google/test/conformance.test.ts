import { solidPng } from '@genhub/testkit';
import { testProvider } from '@genhub/testkit/vitest';
import { googlePlugin } from '../src/google-plugin.js';
import { FAKE_GOOGLE_KEY, startFakeGoogleApi } from './fake-google-api.js';

// GenHub's conformance suite against the fake Gemini API, over every Veo model.
const fake = await startFakeGoogleApi();
const request = {
  model: 'google/veo-3.1-fast-generate-preview',
  task: 'text-to-video',
  params: { prompt: 'a lighthouse in a storm' },
} as const;
const png = `data:image/png;base64,${Buffer.from(solidPng(16, 16, [10, 120, 200])).toString('base64')}`;

testProvider({
  plugin: googlePlugin,
  fake: {
    start: async () => ({
      config: { apiKey: FAKE_GOOGLE_KEY, baseUrl: fake.url },
      server: fake.server,
      close: () => fake.close(),
    }),
    scenarios: {
      success: { request, arrange: () => fake.plan({ runningPolls: 0, ending: 'succeeded' }) },
      pendingThenSucceeded: { request, arrange: () => fake.plan({ runningPolls: 2, ending: 'succeeded' }) },
      pendingThenFailed: {
        request,
        arrange: () =>
          fake.plan({ runningPolls: 1, ending: { code: 13, message: 'Internal error while generating.' } }),
      },
      failure: {
        request,
        arrange: () => fake.plan({ runningPolls: 0, ending: 'filtered' }),
        expect: { code: 'CONTENT_REJECTED' },
      },
      rateLimit: {
        request,
        arrange: () =>
          fake.server.route('POST /v1beta/models/:modelAction', {
            status: 429,
            json: {
              error: {
                code: 429,
                message: 'Resource has been exhausted (e.g. check quota).',
                status: 'RESOURCE_EXHAUSTED',
                details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' }],
              },
            },
          }),
        expect: { code: 'RATE_LIMITED', retryAfterSeconds: 7 },
      },
    },
  },
  // The Gemini API has no call to cancel a Veo operation.
  supports: { cancel: false },
  requests: {
    'google/veo-3.1-generate-preview': [
      {
        params: { prompt: 'a fox in snow', resolution: '1080p', duration: 8, aspectRatio: '9:16' },
        sends: {
          parameters: {
            resolution: '1080p',
            durationSeconds: 8,
            aspectRatio: '9:16',
            personGeneration: 'allow_all',
          },
        },
      },
      {
        task: 'image-to-video',
        params: { prompt: 'the bird takes off', firstFrame: { url: png }, lastFrame: { url: png } },
        sends: { parameters: { personGeneration: 'allow_adult' } },
      },
      {
        params: { prompt: 'the same mug on a beach', images: [{ url: png }] },
        sends: { parameters: { durationSeconds: 8, aspectRatio: '16:9' } },
      },
    ],
    'google/veo-2.0-generate-001': {
      params: { prompt: 'two paths in a forest', quantity: 2, duration: 5, negativePrompt: 'fog' },
      sends: { parameters: { sampleCount: 2, durationSeconds: 5, negativePrompt: 'fog' } },
    },
  },
});
