import {
  definePlugin,
  errorFromResponse,
  GenHubError,
  type ModelSpec,
  type Provider,
  vocabulary,
} from '@genhub/core';
import { z } from 'zod';
import { silentMp3 } from '../../fake-media.js';
import { type FakeServer, startFakeServer, withBearer } from '../../fake-server.js';
import type { ConformanceOptions } from '../conformance-options.js';

/**
 * A small speech plugin for a made-up API (`POST /v1/speech` { text, voice, speed } answers MP3
 * bytes), healthy unless told how to break: the conformance suite's own tests run it.
 */
export type Breakage =
  /** Keeps the body of a failed call as the audio, without looking at the status. */
  | 'error-body-as-audio'
  /** Names the API key in the errors it throws. */
  | 'key-in-error'
  /** Logs the API key. */
  | 'key-in-log'
  /** Declares its MP3 bytes as audio/wav. */
  | 'wrong-media-type'
  /** Declares the speech model's output kind as image. */
  | 'wrong-output-kind'
  /** Makes the prompt optional and sends whatever it gets. */
  | 'optional-prompt'
  /** Lists a second model with neither an example nor a request. */
  | 'unexercised-model'
  /** Prices the fastest speed at Infinity. */
  | 'infinite-price'
  /** Never sends the voice. */
  | 'drops-voice'
  /** Has a cancel method though its tests declare there is none. */
  | 'undeclared-cancel';

const API_KEY = 'tone-secret-key-0123456789';

function speechModel(breakage: Breakage | undefined): ModelSpec {
  const prompt = vocabulary.prompt.max(500);
  return {
    id: 'tone/speech',
    name: 'Tone Speech',
    tasks: ['text-to-speech'],
    output: breakage === 'wrong-output-kind' ? 'image' : 'audio',
    params: z.object({
      prompt: breakage === 'optional-prompt' ? prompt.optional() : prompt,
      voice: z.enum(['low', 'high']).default('low'),
      speed: z.number().min(0.5).max(2).default(1),
    }),
    estimatePrice: (params) => {
      const characters = typeof params.prompt === 'string' ? params.prompt.length : 0;
      const speed = params.speed as number;
      return {
        usd: breakage === 'infinite-price' ? (0.0001 * characters) / (2 - speed) : 0.0001 * characters,
      };
    },
    example: { prompt: 'Hello from the tone API.', voice: 'high', speed: 1.5 },
  };
}

const hdModel: ModelSpec = {
  id: 'tone/speech-hd',
  name: 'Tone Speech HD',
  tasks: ['text-to-speech'],
  output: 'audio',
  params: z.object({ prompt: vocabulary.prompt.max(500) }),
  estimatePrice: () => ({ usd: 0.01 }),
};

export function speechPlugin(breakage?: Breakage) {
  return definePlugin({
    id: 'tone',
    name: 'Tone',
    contract: 1,
    config: z.object({ apiKey: z.string().min(1), baseUrl: z.url() }),
    setup({ http, logger }, { apiKey, baseUrl }) {
      const api = http.withDefaults({ baseUrl, headers: { authorization: `Bearer ${apiKey}` } });
      const models =
        breakage === 'unexercised-model' ? [speechModel(breakage), hdModel] : [speechModel(breakage)];
      const provider: Provider = {
        models: () => models,
        async submit({ params }, { signal }) {
          if (breakage === 'key-in-log') logger.info(`speaking with key ${apiKey}`);
          const { prompt, voice, speed } = params;
          const json = breakage === 'drops-voice' ? { text: prompt, speed } : { text: prompt, voice, speed };
          const response = await api.request({ method: 'POST', url: '/v1/speech', json, signal });
          if (response.status !== 200 && breakage !== 'error-body-as-audio') {
            const error = errorFromResponse(response.status, response.headers, await response.text());
            if (breakage !== 'key-in-error') throw error;
            throw new GenHubError(error.code, `${error.message} (key ${apiKey})`, {
              retryable: error.retryable,
            });
          }
          const mediaType = breakage === 'wrong-media-type' ? 'audio/wav' : 'audio/mpeg';
          return {
            status: 'succeeded',
            outputs: [{ kind: 'bytes', data: await response.bytes(), mediaType }],
          };
        },
        async poll() {
          throw new GenHubError('INTERNAL', 'Tone answers in submit; there is nothing to poll.');
        },
      };
      if (breakage === 'undeclared-cancel') provider.cancel = async () => {};
      return provider;
    },
  });
}

/** The conformance options for the speech plugin, with its fake API; close the server afterwards. */
export async function speechConformance(
  breakage?: Breakage,
): Promise<{ options: ConformanceOptions; server: FakeServer }> {
  const server = await startFakeServer();
  const speak = (reply: Parameters<typeof withBearer>[1]) => () =>
    server.route('POST /v1/speech', withBearer(API_KEY, reply));
  const options: ConformanceOptions = {
    plugin: speechPlugin(breakage),
    supports: { poll: false, cancel: false },
    fake: {
      // The server outlives each run: the test closes it.
      start: async () => ({
        config: { apiKey: API_KEY, baseUrl: server.url },
        server,
        close: async () => {},
      }),
      scenarios: {
        success: {
          request: { model: 'tone/speech', task: 'text-to-speech', params: { prompt: 'Good morning.' } },
          arrange: speak({ body: silentMp3(300), headers: { 'content-type': 'audio/mpeg' } }),
        },
        failure: {
          request: { model: 'tone/speech', task: 'text-to-speech', params: { prompt: 'Good night.' } },
          arrange: speak({ status: 402, json: { error: 'quota exceeded' } }),
          expect: { code: 'INSUFFICIENT_FUNDS' },
        },
        rateLimit: {
          request: { model: 'tone/speech', task: 'text-to-speech', params: { prompt: 'Again.' } },
          arrange: speak({ status: 429, headers: { 'retry-after': '5' }, json: { error: 'slow down' } }),
          expect: { retryAfterSeconds: 5 },
        },
      },
    },
  };
  return { options, server };
}
