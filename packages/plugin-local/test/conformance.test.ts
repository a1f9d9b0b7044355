import { solidPng } from '@genhub/testkit';
import { testProvider } from '@genhub/testkit/vitest';
import { localPlugin } from '../src/index.js';
import { startFakeLocalWorker } from './fake-local-worker.js';

// GenHub's conformance suite over every local model, all five workers played by one reference worker.
const token = 'worker-token-0123456789abcdef';
const fake = await startFakeLocalWorker({ token });
const photo = `data:image/png;base64,${Buffer.from(solidPng(8, 8, [10, 120, 200])).toString('base64')}`;
const request = {
  model: 'local/qwen-image',
  task: 'text-to-image',
  params: { prompt: 'a red fox in the snow', width: 1664, height: 928 },
} as const;

testProvider({
  plugin: localPlugin,
  fake: {
    start: async () => ({
      config: {
        qwenImageUrl: fake.url,
        hunyuanImageUrl: fake.url,
        sam2Url: fake.url,
        hunyuanVideoUrl: fake.url,
        svgTurboUrl: fake.url,
        token,
      },
      server: fake.server,
      close: () => fake.close(),
    }),
    scenarios: {
      success: { request, arrange: () => fake.plan({ runningPolls: 0, ending: 'succeeded' }) },
      pendingThenSucceeded: {
        request,
        arrange: () => fake.plan({ queuedPolls: 1, runningPolls: 2, ending: 'succeeded' }),
      },
      pendingThenFailed: {
        request,
        arrange: () =>
          fake.plan({
            runningPolls: 1,
            ending: { code: 'content_rejected', message: 'The safety checker flagged the prompt.' },
          }),
        expect: { code: 'CONTENT_REJECTED' },
      },
      failure: {
        request,
        arrange: () => fake.plan({ ending: { code: 'out_of_memory', message: 'CUDA out of memory.' } }),
        expect: { code: 'PROVIDER_UNAVAILABLE' },
      },
      rateLimit: {
        request,
        arrange: () =>
          fake.server.route('POST /v1/jobs', {
            status: 429,
            headers: { 'retry-after': '1' },
            json: { error: { code: 'busy', message: 'The GPU is busy; try again shortly.' } },
          }),
        expect: { retryAfterSeconds: 1 },
      },
      cancel: { request, arrange: () => fake.plan({ runningPolls: 50, ending: 'succeeded' }) },
    },
  },
  requests: {
    'local/qwen-image': { params: request.params, sends: { width: 1664, height: 928 } },
    'local/hunyuan-image': {
      params: { prompt: 'a lantern', width: 864, height: 1152, seed: 7 },
      sends: { width: 864, height: 1152, seed: 7 },
    },
    'local/sam2': {
      params: {
        images: [{ url: photo }],
        points: [
          { x: 0.25, y: 0.5 },
          { x: 0.9, y: 0.1, include: false },
        ],
      },
      sends: {
        task: 'image-to-mask',
        points: [
          { x: 0.25, y: 0.5, label: 1 },
          { x: 0.9, y: 0.1, label: 0 },
        ],
      },
    },
    'local/hunyuan-video': [
      {
        task: 'text-to-video',
        params: { prompt: 'waves', width: 720, height: 1280, duration: 3 },
        sends: { width: 720, height: 1280, duration: 3, fps: 24 },
      },
      {
        task: 'image-to-video',
        params: { prompt: 'it moves', images: [{ url: photo }] },
        sends: { task: 'image-to-video', image: photo },
      },
    ],
    'local/svg-turbo': { params: { prompt: 'a paper plane icon' }, sends: { model: 'svg-turbo' } },
  },
});
