import {
  type FakeCall,
  type FakeHandler,
  type FakeResponse,
  type FakeServer,
  silentMp3,
  sineWav,
  startFakeServer,
  withAuth,
} from '@genhub/testkit';

/**
 * A fake of the ElevenLabs API on 127.0.0.1, from its API reference (elevenlabs.io/docs/api-reference)
 * and the official SDK (elevenlabs/elevenlabs-js): `xi-api-key` auth, `GET /v2/voices` in pages,
 * `POST /v1/text-to-speech/{voice_id}`, `POST /v1/sound-generation` and `POST /v1/music` answering
 * audio in the `output_format` asked, `GET /v1/user/subscription`. Errors are `{ detail: { type,
 * code, status, message, request_id, param } }`; body validation failures are FastAPI's 422
 * `{ detail: [{ loc, msg, type }] }`.
 */
export const FAKE_API_KEY = 'sk_fake0123456789abcdef0123456789abcdef';

export interface FakeVoice {
  voice_id: string;
  name: string;
  category: string;
}

export const FAKE_VOICES: readonly FakeVoice[] = [
  { voice_id: 'JBFqnCBsd6RMkjVDRZzb', name: 'George', category: 'premade' },
  { voice_id: 'EXAVITQu4vr4xnSDxMaL', name: 'Sarah', category: 'premade' },
  { voice_id: 'cl0nedV0ice000000001', name: 'Narrator', category: 'cloned' },
  { voice_id: 'cl0nedV0ice000000002', name: 'Narrator', category: 'generated' },
];

const SPEECH_MODELS: Readonly<Record<string, number>> = {
  eleven_v3: 5_000,
  eleven_multilingual_v2: 10_000,
  eleven_flash_v2_5: 40_000,
  eleven_turbo_v2_5: 40_000,
};
const MP3 = /^mp3_(22050_32|24000_48|44100_(32|64|96|128|192))$/;
const MUSIC_MP3 = /^mp3_48000_(128|192|240|320)$/;
const OPUS = /^opus_48000_(32|64|96|128|192)$/;
const WAV = /^wav_(8000|16000|22050|24000|32000|44100|48000)$/;
const RAW = /^(pcm_(8000|16000|22050|24000|32000|44100|48000)|ulaw_8000|alaw_8000)$/;

/** The documented error body. */
export function errorDetail(
  status: number,
  type: string,
  code: string,
  message: string,
  param?: string,
): FakeResponse {
  return {
    status,
    json: {
      detail: { type, code, status: code, message, request_id: 'req_fake_1', ...(param ? { param } : {}) },
    },
  };
}

const unauthorized = errorDetail(401, 'authentication_error', 'invalid_api_key', 'Invalid API key');
const authorized = (reply: FakeHandler | FakeResponse) =>
  withAuth((headers) => headers['xi-api-key'] === FAKE_API_KEY, reply, unauthorized);

/** FastAPI's answer to a body that fails validation. */
function unprocessable(where: string, msg: string): FakeResponse {
  return { status: 422, json: { detail: [{ loc: ['body', where], msg, type: 'value_error' }] } };
}

const ogg = new Uint8Array([
  ...new TextEncoder().encode('OggS'),
  0,
  2,
  ...new Uint8Array(22),
  ...new TextEncoder().encode('OpusHead'),
  1,
  1,
  0,
  0,
  0x80,
  0xbb,
  0,
  0,
  0,
  0,
  0,
]);

/** Audio in the asked format: an MP3 frame run, a WAV tone, an Ogg Opus header or raw samples. */
function audio(format: string): FakeResponse {
  const type = (body: Uint8Array, contentType: string): FakeResponse => ({
    headers: { 'content-type': contentType },
    body,
  });
  if (MP3.test(format) || MUSIC_MP3.test(format)) return type(silentMp3(500), 'audio/mpeg');
  if (WAV.test(format)) return type(sineWav({ duration: 0.5 }), 'audio/wav');
  if (OPUS.test(format)) return type(ogg, 'audio/ogg');
  return type(new Uint8Array(800), 'application/octet-stream');
}

const inUnit = (value: unknown) =>
  value === undefined || (typeof value === 'number' && value >= 0 && value <= 1);
const asObject = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

function textToSpeech(call: FakeCall, voices: readonly FakeVoice[]): FakeResponse {
  const format = call.query.output_format ?? 'mp3_44100_128';
  if (!(MP3.test(format) || OPUS.test(format) || WAV.test(format) || RAW.test(format)))
    return unprocessable('output_format', 'Input should be a valid output format');
  const voice = voices.find((candidate) => candidate.voice_id === call.params.voiceId);
  if (voice === undefined) {
    return errorDetail(
      404,
      'not_found',
      'voice_not_found',
      `A voice with the voice_id ${call.params.voiceId} was not found.`,
      'voice_id',
    );
  }
  const body = asObject(call.bodyJson);
  const text = body.text;
  if (typeof text !== 'string' || text.trim() === '') return unprocessable('text', 'Field required');
  const model = typeof body.model_id === 'string' ? body.model_id : 'eleven_multilingual_v2';
  const limit = SPEECH_MODELS[model];
  if (limit === undefined)
    return errorDetail(
      400,
      'validation_error',
      'invalid_parameters',
      `Model ${model} does not exist.`,
      'model_id',
    );
  if (text.length > limit) {
    return errorDetail(
      400,
      'validation_error',
      'max_character_limit_exceeded',
      `This request's text has ${text.length} characters and exceeds the character limit of ${limit} characters.`,
      'text',
    );
  }
  const settings = asObject(body.voice_settings);
  if (![settings.stability, settings.similarity_boost, settings.style].every(inUnit))
    return unprocessable('voice_settings', 'Input should be less than or equal to 1');
  if (
    model === 'eleven_v3' &&
    settings.stability !== undefined &&
    ![0, 0.5, 1].includes(settings.stability as number)
  )
    return errorDetail(
      400,
      'validation_error',
      'invalid_parameters',
      'Invalid TTD stability value. Must be one of: [0.0, 0.5, 1.0]',
      'voice_settings',
    );
  if (
    settings.speed !== undefined &&
    !(typeof settings.speed === 'number' && settings.speed >= 0.7 && settings.speed <= 1.2)
  )
    return unprocessable('voice_settings', 'speed must be between 0.7 and 1.2');
  return audio(format);
}

function soundGeneration(call: FakeCall): FakeResponse {
  const format = call.query.output_format ?? 'mp3_44100_128';
  if (!(MP3.test(format) || OPUS.test(format) || RAW.test(format)))
    return unprocessable('output_format', 'Input should be a valid output format');
  const body = asObject(call.bodyJson);
  if (typeof body.text !== 'string' || body.text.trim() === '')
    return unprocessable('text', 'Field required');
  const duration = body.duration_seconds;
  if (duration !== undefined && !(typeof duration === 'number' && duration >= 0.5 && duration <= 30))
    return unprocessable('duration_seconds', 'Duration must be between 0.5 and 30 seconds');
  if (!inUnit(body.prompt_influence)) return unprocessable('prompt_influence', 'Must be between 0 and 1');
  return audio(format);
}

function music(call: FakeCall): FakeResponse {
  const format = call.query.output_format ?? 'auto';
  if (
    !(
      format === 'auto' ||
      MP3.test(format) ||
      MUSIC_MP3.test(format) ||
      OPUS.test(format) ||
      RAW.test(format)
    )
  )
    return unprocessable('output_format', 'Input should be a valid output format');
  const body = asObject(call.bodyJson);
  if (typeof body.prompt !== 'string' || body.prompt.trim() === '')
    return unprocessable('prompt', 'Either prompt or composition_plan is required');
  const length = body.music_length_ms;
  if (length !== undefined && !(typeof length === 'number' && length >= 3000 && length <= 600_000))
    return unprocessable('music_length_ms', 'Must be between 3000 and 600000');
  if (body.model_id !== undefined && body.model_id !== 'music_v1' && body.model_id !== 'music_v2')
    return unprocessable('model_id', "Input should be 'music_v1' or 'music_v2'");
  return audio(format === 'auto' ? 'mp3_44100_128' : format);
}

function voicesPage(call: FakeCall, voices: readonly FakeVoice[]): FakeResponse {
  const size = Number(call.query.page_size ?? 10);
  if (!Number.isInteger(size) || size < 1 || size > 100)
    return unprocessable('page_size', 'Must be between 1 and 100');
  const start = Number(call.query.next_page_token ?? 0);
  const page = voices.slice(start, start + size);
  const more = start + size < voices.length;
  return {
    json: {
      voices: page.map((voice) => ({ ...voice, labels: {}, description: null, preview_url: null })),
      has_more: more,
      total_count: voices.length,
      next_page_token: more ? String(start + size) : null,
    },
  };
}

export interface FakeElevenLabsApi {
  readonly url: string;
  readonly server: FakeServer;
  /** Puts back the API's own routes (after a test replaced one) and the default voices. */
  restore(): void;
  /** The voices `GET /v2/voices` lists. */
  setVoices(voices: readonly FakeVoice[]): void;
  close(): Promise<void>;
}

export async function startFakeElevenLabsApi(): Promise<FakeElevenLabsApi> {
  const server = await startFakeServer();
  let voices: readonly FakeVoice[] = FAKE_VOICES;
  const routes = () => {
    server.route(
      'GET /v2/voices',
      authorized((call) => voicesPage(call, voices)),
    );
    server.route(
      'POST /v1/text-to-speech/:voiceId',
      authorized((call) => textToSpeech(call, voices)),
    );
    server.route('POST /v1/sound-generation', authorized(soundGeneration));
    server.route('POST /v1/music', authorized(music));
    server.route(
      'GET /v1/user/subscription',
      authorized({
        json: {
          tier: 'creator',
          character_count: 12_000,
          character_limit: 100_000,
          next_character_count_reset_unix: 1_767_225_600,
          status: 'active',
        },
      }),
    );
  };
  routes();
  return {
    url: server.url,
    server,
    restore() {
      voices = FAKE_VOICES;
      routes();
    },
    setVoices(next) {
      voices = next;
    },
    close: () => server.close(),
  };
}
