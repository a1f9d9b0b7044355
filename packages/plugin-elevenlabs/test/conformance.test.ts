import { testProvider } from '@genhub/testkit/vitest';
import { elevenLabsPlugin } from '../src/index.js';
import { errorDetail, FAKE_API_KEY, startFakeElevenLabsApi } from './fake-elevenlabs-api.js';

// GenHub's conformance suite over every ElevenLabs model, against the fake API. Every call answers
// with the audio itself: no polling, no cancel. Two values are changed on the way by design, so the
// suite's "every value reaches the wire" check cannot see them and pipeline.test.ts checks them
// instead: a voice is chosen by name and sent as its id in the path, a music duration in seconds is
// sent as `music_length_ms`.
const fake = await startFakeElevenLabsApi();
const speech = {
  model: 'elevenlabs/eleven_multilingual_v2',
  task: 'text-to-speech',
  params: { prompt: 'Hello there' },
} as const;
const music = {
  model: 'elevenlabs/music_v1',
  task: 'text-to-music',
  params: { prompt: 'A song in the style of a famous band' },
} as const;

testProvider({
  plugin: elevenLabsPlugin,
  supports: { poll: false, cancel: false },
  requests: {
    'elevenlabs/eleven_v3': {
      params: {
        prompt: 'Hi [whispers] there',
        stability: 0.5,
        languageCode: 'en',
        outputFormat: 'wav_24000',
      },
      sends: {
        text: 'Hi [whispers] there',
        model_id: 'eleven_v3',
        language_code: 'en',
        voice_settings: { stability: 0.5 },
      },
    },
    'elevenlabs/eleven_multilingual_v2': {
      params: { prompt: 'Hello', similarityBoost: 0.8, style: 0.2, speakerBoost: true, speed: 1.1, seed: 7 },
      sends: {
        model_id: 'eleven_multilingual_v2',
        seed: 7,
        voice_settings: { similarity_boost: 0.8, style: 0.2, use_speaker_boost: true, speed: 1.1 },
      },
    },
    'elevenlabs/eleven_text_to_sound_v2': {
      params: { prompt: 'A door creaks', duration: 2.5, loop: true },
      sends: {
        text: 'A door creaks',
        duration_seconds: 2.5,
        loop: true,
        model_id: 'eleven_text_to_sound_v2',
      },
    },
    'elevenlabs/music_v2': {
      params: { prompt: 'Calm piano', instrumental: true },
      sends: {
        prompt: 'Calm piano',
        music_length_ms: 30_000,
        model_id: 'music_v2',
        force_instrumental: true,
      },
    },
  },
  fake: {
    start: async () => ({
      config: { apiKey: FAKE_API_KEY, baseUrl: fake.url },
      server: fake.server,
      close: () => fake.close(),
    }),
    scenarios: {
      success: { request: speech, arrange: () => fake.restore() },
      failure: {
        request: music,
        arrange: () =>
          fake.server.route('POST /v1/music', {
            status: 400,
            json: {
              detail: {
                status: 'bad_prompt',
                message: 'The prompt references copyrighted material.',
                data: { prompt_suggestion: 'An energetic rock song with driving guitars' },
              },
            },
          }),
        expect: { code: 'CONTENT_REJECTED' },
      },
      rateLimit: {
        request: speech,
        arrange: () =>
          fake.server.route('POST /v1/text-to-speech/:voiceId', {
            ...errorDetail(
              429,
              'rate_limit_error',
              'concurrent_limit_exceeded',
              'Too many concurrent requests.',
            ),
            headers: { 'retry-after': '3' },
          }),
        expect: { retryAfterSeconds: 3 },
      },
    },
  },
});
