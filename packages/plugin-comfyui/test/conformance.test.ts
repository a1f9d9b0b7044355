import { solidPng } from '@genhub/testkit';
import { testProvider } from '@genhub/testkit/vitest';
import { comfyuiPlugin } from '../src/index.js';
import { FAKE_COMFYUI_TOKEN, startFakeComfyuiApi } from './fake-comfyui-api.js';

// GenHub's conformance suite over every bundled ComfyUI workflow, against the fake ComfyUI server.
const fake = await startFakeComfyuiApi({ token: FAKE_COMFYUI_TOKEN });
const image = `data:image/png;base64,${Buffer.from(solidPng(8, 8, [10, 120, 200])).toString('base64')}`;
const request = {
  model: 'comfyui/sdxl-text-to-image',
  task: 'text-to-image',
  params: { prompt: 'a lighthouse at dusk', seed: 7 },
} as const;

testProvider({
  plugin: comfyuiPlugin,
  fake: {
    start: async () => ({
      config: { baseUrl: fake.url, token: FAKE_COMFYUI_TOKEN },
      server: fake.server,
      close: () => fake.close(),
    }),
    scenarios: {
      success: { request, arrange: () => fake.plan({ ending: 'success' }) },
      pendingThenSucceeded: {
        request,
        arrange: () => fake.plan({ queuedPolls: 1, runningPolls: 2, ending: 'success' }),
      },
      pendingThenFailed: {
        request,
        arrange: () =>
          fake.plan({
            runningPolls: 1,
            ending: {
              exceptionType: 'NSFWContentError',
              exceptionMessage: 'NSFW content detected by the safety checker',
              nodeType: 'SafetyChecker',
            },
          }),
        expect: { code: 'CONTENT_REJECTED' },
      },
      failure: {
        request,
        arrange: () =>
          fake.plan({
            runningPolls: 0,
            ending: {
              exceptionType: 'torch.OutOfMemoryError',
              exceptionMessage: 'Allocation on device failed',
            },
          }),
        expect: { code: 'PROVIDER_UNAVAILABLE' },
      },
      rateLimit: {
        request,
        // ComfyUI has no rate limit of its own; a proxy in front of it may answer 429.
        arrange: () =>
          fake.server.route('POST /prompt', {
            status: 429,
            headers: { 'retry-after': '3' },
            body: 'Too Many Requests',
          }),
        expect: { retryAfterSeconds: 3 },
      },
      cancel: { request, arrange: () => fake.plan({ runningPolls: 10_000, ending: 'success' }) },
    },
  },
  requests: {
    'comfyui/sdxl-text-to-image': {
      params: {
        prompt: 'a red fox',
        negativePrompt: 'blurry',
        width: 832,
        height: 1216,
        steps: 12,
        seed: 42,
      },
      sends: {
        prompt: {
          '6': { inputs: { text: 'a red fox' } },
          '7': { inputs: { text: 'blurry' } },
          '5': { inputs: { width: 832, height: 1216 } },
          '3': { inputs: { seed: 42, steps: 12 } },
        },
      },
    },
    'comfyui/sdxl-image-to-image': { params: { prompt: 'as a watercolour', images: [{ url: image }] } },
    'comfyui/mochi-text-to-video': {
      params: { prompt: 'waves at night', seed: 3 },
      sends: { prompt: { '4': { inputs: { text: 'waves at night' } }, '7': { inputs: { seed: 3 } } } },
    },
  },
});
