import { testProvider } from '@genhub/testkit/vitest';
import { bflPlugin } from '../src/index.js';
import { FAKE_BFL_KEY, startFakeBflApi } from './fake-bfl-api.js';

// GenHub's conformance suite over every BFL model, against the fake of BFL's API.
const fake = await startFakeBflApi();
const request = {
  model: 'bfl/flux-2-pro',
  task: 'text-to-image',
  params: { prompt: 'a red fox in snow', seed: 7, outputFormat: 'png' },
} as const;
const image = { url: 'https://example.com/room.jpg' };

testProvider({
  plugin: bflPlugin,
  supports: { cancel: false },
  fake: {
    start: async () => ({
      config: { apiKey: FAKE_BFL_KEY, baseUrl: fake.url },
      // Submits reach the global host; the suite reads its requests to check each value reached BFL.
      server: fake.global,
      close: () => fake.close(),
    }),
    scenarios: {
      success: { request, arrange: () => fake.plan({ pendingPolls: 0, ending: 'Ready' }) },
      pendingThenSucceeded: { request, arrange: () => fake.plan({ pendingPolls: 2, ending: 'Ready' }) },
      pendingThenFailed: {
        request,
        arrange: () => fake.plan({ pendingPolls: 1, ending: 'Content Moderated' }),
        expect: { code: 'CONTENT_REJECTED' },
      },
      failure: {
        request,
        arrange: () => fake.plan({ pendingPolls: 0, ending: 'Request Moderated' }),
        expect: { code: 'CONTENT_REJECTED' },
      },
      rateLimit: {
        request,
        arrange: () =>
          fake.refuseSubmit('flux-2-pro', {
            status: 429,
            headers: { 'retry-after': '1' },
            json: { detail: 'You have exceeded the number of active tasks.' },
          }),
        expect: { retryAfterSeconds: 1 },
      },
    },
  },
  requests: {
    'bfl/flux-2-max': [
      {
        params: { prompt: 'a lighthouse', width: 1440, height: 816, seed: 3 },
        sends: { width: 1440, height: 816, seed: 3 },
      },
      {
        task: 'image-to-image',
        params: { prompt: 'combine them', images: [image, image, image] },
        sends: { input_image: image.url, input_image_3: image.url },
      },
    ],
    'bfl/flux-2-flex': {
      params: { prompt: 'a poster that says SALE', steps: 30, guidance: 7 },
      sends: { steps: 30, guidance: 7, prompt_upsampling: true },
    },
    'bfl/flux-2-klein-4b': {
      task: 'image-to-image',
      params: { prompt: 'make the floor blue', images: [image], safetyTolerance: 0 },
      sends: { input_image: image.url, safety_tolerance: 0 },
    },
    'bfl/flux-kontext-max': {
      task: 'image-to-image',
      params: { prompt: 'add a hat', images: [image], aspectRatio: '21:9' },
      sends: { input_image: image.url, aspect_ratio: '21:9', output_format: 'png' },
    },
    'bfl/flux-pro-1.1': {
      params: { prompt: 'a city at night', width: 1440, height: 256 },
      sends: { width: 1440, height: 256 },
    },
    'bfl/flux-pro-1.1-ultra': {
      params: { prompt: 'a valley', aspectRatio: '9:21', raw: true },
      sends: { aspect_ratio: '9:21', raw: true },
    },
  },
});
