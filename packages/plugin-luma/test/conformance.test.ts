import { testProvider } from '@genhub/testkit/vitest';
import { lumaPlugin } from '../src/index.js';
import { FAKE_LUMA_KEY, startFakeLumaApi } from './fake-luma-api.js';

// GenHub's conformance suite over every Luma model, against the fake of Luma's API.
const fake = await startFakeLumaApi();
const earlier = fake.seedCompletedVideo();
const frame = { url: 'https://cdn.example.com/first-frame.png' };
const request = {
  model: 'luma/ray-2',
  task: 'text-to-video',
  params: { prompt: 'waves roll onto a beach at dusk', duration: 5 },
} as const;
const completed = () => fake.plan({ dreamingPolls: 0, ending: 'completed' });

testProvider({
  plugin: lumaPlugin,
  fake: {
    start: async () => ({
      config: { apiKey: FAKE_LUMA_KEY, baseUrl: fake.baseUrl },
      server: fake.server,
      close: () => fake.close(),
    }),
    scenarios: {
      success: { request, arrange: completed },
      pendingThenSucceeded: {
        request,
        arrange: () => fake.plan({ queuedPolls: 1, dreamingPolls: 2, ending: 'completed' }),
      },
      pendingThenFailed: {
        request,
        arrange: () =>
          fake.plan({ dreamingPolls: 1, ending: { failure_reason: 'Advanced prompt moderation failed' } }),
        expect: { code: 'CONTENT_REJECTED' },
      },
      failure: {
        request: {
          model: 'luma/ray-2',
          task: 'image-to-video',
          params: { prompt: 'it moves', firstFrame: { url: 'https://cdn.example.com/missing.png' } },
        },
        // Luma could not fetch the keyframe: its documented failure for unreadable input frames.
        arrange: () =>
          fake.plan({ dreamingPolls: 0, ending: { failure_reason: 'Failed to read user input frames' } }),
        expect: { code: 'INVALID_INPUT' },
      },
      rateLimit: {
        request,
        arrange: () =>
          fake.server.route('POST /dream-machine/v1/generations/video', {
            status: 429,
            headers: { 'retry-after': '1' },
            json: { detail: 'Too many requests' },
          }),
        expect: { retryAfterSeconds: 1 },
      },
      cancel: { request, arrange: () => fake.plan({ dreamingPolls: 50, ending: 'completed' }) },
    },
  },
  requests: {
    'luma/ray-2': [
      {
        task: 'text-to-video',
        params: { prompt: 'a paper boat', aspectRatio: '9:16', resolution: '1080p', duration: 9, loop: true },
        sends: {
          model: 'ray-2',
          prompt: 'a paper boat',
          aspect_ratio: '9:16',
          resolution: '1080p',
          duration: '9s',
          loop: true,
        },
      },
      {
        task: 'image-to-video',
        params: { firstFrame: frame, lastFrame: { url: 'https://cdn.example.com/last.png' } },
        sends: {
          keyframes: {
            frame0: { type: 'image', url: frame.url },
            frame1: { type: 'image', url: 'https://cdn.example.com/last.png' },
          },
        },
      },
      {
        task: 'video-to-video',
        params: { prompt: 'and then it rains', startGeneration: earlier },
        sends: { keyframes: { frame0: { type: 'generation', id: earlier } } },
      },
    ],
    'luma/ray-flash-2': {
      task: 'image-to-video',
      params: { prompt: 'the camera pushes in', firstFrame: frame, concepts: ['dolly_zoom'] },
      sends: { model: 'ray-flash-2', concepts: [{ key: 'dolly_zoom' }] },
    },
    'luma/upscale_video': {
      params: { generation: earlier, resolution: '1080p' },
      sends: { generation_type: 'upscale_video', resolution: '1080p' },
    },
    'luma/add_audio': {
      params: { generation: earlier, prompt: 'waves and gulls', negativePrompt: 'music' },
      sends: { generation_type: 'add_audio', prompt: 'waves and gulls', negative_prompt: 'music' },
    },
    'luma/photon-1': {
      params: { prompt: 'a lighthouse', aspectRatio: '1:1', format: 'png' },
      sends: { model: 'photon-1', aspect_ratio: '1:1', format: 'png' },
    },
    'luma/photon-flash-1': {
      task: 'image-to-image',
      params: {
        prompt: 'the same scene in watercolour',
        images: [frame],
        imageWeight: 0.6,
        styleImage: { url: 'https://cdn.example.com/style.png' },
      },
      sends: {
        model: 'photon-flash-1',
        image_ref: [{ url: frame.url, weight: 0.6 }],
        style_ref: [{ url: 'https://cdn.example.com/style.png' }],
      },
    },
  },
});
