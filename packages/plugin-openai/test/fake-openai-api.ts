import {
  type FakeCall,
  type FakeFile,
  type FakeResponse,
  type FakeServer,
  minimalJpeg,
  silentMp3,
  sineWav,
  solidPng,
  startFakeServer,
} from '@genhub/testkit';

/*
 * A fake of the OpenAI API (api.openai.com/v1) on 127.0.0.1, written from OpenAI's API reference
 * (platform.openai.com/docs/api-reference: images/create, images/createEdit, audio/createSpeech,
 * the error-codes guide) and the official SDK's request types (openai-node src/resources/images.ts,
 * src/resources/audio/speech.ts):
 *
 *   POST /v1/images/generations  JSON { model, prompt, n?, size?, quality?, background?, output_format?,
 *                                output_compression?, moderation? } -> { created, data: [{ b64_json }],
 *                                output_format, quality, size, background, usage }
 *   POST /v1/images/edits        multipart: the same text fields (no moderation; input_fidelity), images
 *                                as `image[]` (or `image`), 1 to 16, png/webp/jpg under 50 MB; `mask`
 *                                a png under 4 MB
 *   POST /v1/audio/speech        JSON { model, input, voice, response_format?, speed?, instructions? }
 *                                -> the audio bytes
 *   POST /v1/moderations         JSON { model, input } -> { id, model, results: [{ flagged, categories }] };
 *                                flags (as violence) any input with the word FLAGGED
 *
 * Every error is `{ error: { message, type, param, code } }`: 401 `invalid_api_key` (echoing a
 * masked key, as OpenAI does), 400 `invalid_value` naming the parameter, and whatever `failNext`
 * scripts (`moderation_blocked`, 429 `rate_limit_exceeded` or `insufficient_quota`, 500).
 */

export const OPENAI_FAKE_KEY = 'sk-proj-fakeOpenAiKey0123456789abcdefABCDEF';

const IMAGE_MODELS: Readonly<Record<string, { customSizes: boolean; inputFidelity: boolean }>> = {
  'gpt-image-2': { customSizes: true, inputFidelity: false },
  'gpt-image-1.5': { customSizes: false, inputFidelity: true },
  'gpt-image-1': { customSizes: false, inputFidelity: true },
  'gpt-image-1-mini': { customSizes: false, inputFidelity: false },
};
const STANDARD_SIZES = ['auto', '1024x1024', '1536x1024', '1024x1536'];
const CLASSIC_VOICES = ['alloy', 'ash', 'coral', 'echo', 'fable', 'onyx', 'nova', 'sage', 'shimmer'];
const ALL_VOICES = [...CLASSIC_VOICES, 'ballad', 'verse', 'marin', 'cedar'];
const SPEECH_MODELS: Readonly<Record<string, { voices: string[]; instructions: boolean }>> = {
  'gpt-4o-mini-tts': { voices: ALL_VOICES, instructions: true },
  'gpt-4o-mini-tts-2025-12-15': { voices: ALL_VOICES, instructions: true },
  'tts-1': { voices: CLASSIC_VOICES, instructions: false },
  'tts-1-hd': { voices: CLASSIC_VOICES, instructions: false },
};

/** A 1x1 lossless WebP. */
const WEBP = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
const IMAGES: Readonly<Record<string, Uint8Array>> = {
  png: solidPng(16, 16, [20, 120, 200]),
  jpeg: minimalJpeg(),
  webp: WEBP,
};
/** The first bytes of each audio format (enough for a media sniffer); mp3 and wav are whole files. */
const AUDIO: Readonly<Record<string, { type: string; bytes: Uint8Array }>> = {
  mp3: { type: 'audio/mpeg', bytes: silentMp3(300) },
  wav: { type: 'audio/wav', bytes: sineWav() },
  opus: { type: 'audio/ogg', bytes: Buffer.from('OggS\0\x02\0\0\0\0\0\0\0\0OpusHead', 'latin1') },
  aac: { type: 'audio/aac', bytes: Buffer.from([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc]) },
  flac: { type: 'audio/flac', bytes: Buffer.from('fLaC\0\0\0\x22', 'latin1') },
  pcm: { type: 'audio/pcm', bytes: new Uint8Array(480) },
};

const openAiError = (
  status: number,
  message: string,
  code: string | null,
  param: string | null = null,
  type = 'invalid_request_error',
): FakeResponse => ({
  status,
  json: { error: { message, type, param, code } },
});
const invalid = (param: string, message: string) => openAiError(400, message, 'invalid_value', param);

/** `sk-proj-abc...` as OpenAI quotes a wrong key: its start and end only. */
const masked = (key: string) => `${key.slice(0, 8)}${'*'.repeat(8)}${key.slice(-4)}`;

export interface FakeOpenAiApi {
  /** `http://127.0.0.1:<port>/v1`: the plugin's `baseUrl`. */
  readonly baseUrl: string;
  readonly origin: string;
  readonly server: FakeServer;
  /** The next request to any route answers this instead; then back to normal. */
  failNext(response: FakeResponse): void;
  reset(): void;
  close(): Promise<void>;
}

/** What the image routes share: the model and the fields both endpoints take. */
function checkImageFields(fields: Readonly<Record<string, unknown>>): FakeResponse | undefined {
  const model = IMAGE_MODELS[String(fields.model ?? 'gpt-image-1.5')];
  if (model === undefined) return invalid('model', `Invalid model ${String(fields.model)}.`);
  const prompt = fields.prompt;
  if (typeof prompt !== 'string' || prompt.trim() === '') return invalid('prompt', 'prompt is required.');
  if (prompt.length > 32_000) return invalid('prompt', 'prompt is too long: at most 32000 characters.');
  const n = Number(fields.n ?? 1);
  if (!Number.isInteger(n) || n < 1 || n > 10) return invalid('n', 'n must be between 1 and 10.');
  const size = String(fields.size ?? 'auto');
  const custom = /^(\d+)x(\d+)$/.exec(size);
  const customOk =
    model.customSizes &&
    custom !== null &&
    Number(custom[1]) % 16 === 0 &&
    Number(custom[2]) % 16 === 0 &&
    Number(custom[1]) * Number(custom[2]) <= 3840 * 2160 &&
    Math.max(Number(custom[1]), Number(custom[2])) / Math.min(Number(custom[1]), Number(custom[2])) <= 3;
  if (!STANDARD_SIZES.includes(size) && !customOk) return invalid('size', `Invalid size '${size}'.`);
  const quality = String(fields.quality ?? 'auto');
  if (!['low', 'medium', 'high', 'auto'].includes(quality))
    return invalid('quality', `Invalid quality '${quality}'.`);
  const format = String(fields.output_format ?? 'png');
  if (!(format in IMAGES)) return invalid('output_format', `Invalid output_format '${format}'.`);
  const background = String(fields.background ?? 'auto');
  if (!['transparent', 'opaque', 'auto'].includes(background))
    return invalid('background', 'Invalid background.');
  if (background === 'transparent' && format === 'jpeg')
    return invalid('background', 'Transparent background requires png or webp.');
  if (fields.output_compression !== undefined && format === 'png')
    return invalid('output_compression', 'output_compression is only supported for jpeg and webp.');
  if (fields.input_fidelity !== undefined && !model.inputFidelity)
    return invalid('input_fidelity', 'input_fidelity is not supported for this model.');
  return undefined;
}

function imagesAnswer(fields: Readonly<Record<string, unknown>>): FakeResponse {
  const format = String(fields.output_format ?? 'png');
  const image = Buffer.from(IMAGES[format]!).toString('base64');
  const n = Number(fields.n ?? 1);
  return {
    json: {
      created: 1_764_720_000,
      background: 'opaque',
      data: Array.from({ length: n }, () => ({ b64_json: image })),
      output_format: format,
      quality: fields.quality === 'auto' || fields.quality === undefined ? 'medium' : fields.quality,
      size: fields.size === 'auto' || fields.size === undefined ? '1024x1024' : fields.size,
      usage: {
        input_tokens: 50,
        input_tokens_details: { image_tokens: 0, text_tokens: 50 },
        output_tokens: 272,
        total_tokens: 322,
      },
    },
  };
}

const IMAGE_MAGIC: readonly (readonly number[])[] = [
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x52, 0x49, 0x46, 0x46],
];
const isImageFile = (file: FakeFile) =>
  IMAGE_MAGIC.some((magic) => magic.every((byte, at) => file.bytes[at] === byte));

export async function startFakeOpenAiApi(): Promise<FakeOpenAiApi> {
  const server = await startFakeServer();
  let failure: FakeResponse | undefined;

  const api =
    (handle: (call: FakeCall) => FakeResponse) =>
    (call: FakeCall): FakeResponse => {
      const auth = call.headers.authorization ?? '';
      if (auth !== `Bearer ${OPENAI_FAKE_KEY}`) {
        const given = auth.replace(/^Bearer\s+/i, '');
        return openAiError(
          401,
          `Incorrect API key provided: ${masked(given)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          'invalid_api_key',
        );
      }
      if (failure !== undefined) {
        const scripted = failure;
        failure = undefined;
        return scripted;
      }
      return handle(call);
    };

  server.route(
    'POST /v1/images/generations',
    api((call) => {
      const body = call.bodyJson as Record<string, unknown> | undefined;
      if (typeof body !== 'object' || body === null)
        return invalid('body', 'We could not parse the JSON body.');
      if (body.moderation !== undefined && !['low', 'auto'].includes(String(body.moderation)))
        return invalid('moderation', 'Invalid moderation.');
      return checkImageFields(body) ?? imagesAnswer(body);
    }),
  );

  server.route(
    'POST /v1/images/edits',
    api((call) => {
      if (call.multipart === undefined) return invalid('image', 'Edits take multipart/form-data.');
      const fields = call.multipart.fields;
      if (fields.moderation !== undefined)
        return openAiError(400, "Unknown parameter: 'moderation'.", 'unknown_parameter', 'moderation');
      const images = call.multipart.entries
        .filter((entry) => entry.name === 'image' || entry.name === 'image[]')
        .map((entry) => entry.value)
        .filter((value): value is FakeFile => typeof value !== 'string');
      if (images.length === 0) return invalid('image', 'image is required.');
      if (images.length > 16) return invalid('image', 'At most 16 images.');
      if (images.some((file) => !isImageFile(file) || file.bytes.byteLength > 50 * 1024 * 1024))
        return invalid('image', 'Each image must be a png, webp or jpg file under 50 MB.');
      const mask = call.multipart.files.mask;
      if (mask !== undefined && (mask.bytes[0] !== 0x89 || mask.bytes.byteLength > 4 * 1024 * 1024))
        return invalid('mask', 'The mask must be a png under 4 MB.');
      return checkImageFields(fields) ?? imagesAnswer(fields);
    }),
  );

  server.route(
    'POST /v1/audio/speech',
    api((call) => {
      const body = call.bodyJson as Record<string, unknown> | undefined;
      if (typeof body !== 'object' || body === null)
        return invalid('body', 'We could not parse the JSON body.');
      const model = SPEECH_MODELS[String(body.model)];
      if (model === undefined) return invalid('model', `Invalid model ${String(body.model)}.`);
      if (typeof body.input !== 'string' || body.input.trim() === '')
        return invalid('input', 'input is required.');
      if (body.input.length > 4096) return invalid('input', 'input is too long: at most 4096 characters.');
      if (!model.voices.includes(String(body.voice)))
        return invalid('voice', `Invalid voice '${String(body.voice)}'.`);
      const format = String(body.response_format ?? 'mp3');
      const audio = AUDIO[format];
      if (audio === undefined) return invalid('response_format', `Invalid response_format '${format}'.`);
      const speed = Number(body.speed ?? 1);
      if (!(speed >= 0.25 && speed <= 4)) return invalid('speed', 'speed must be between 0.25 and 4.0.');
      if (body.instructions !== undefined && !model.instructions)
        return invalid('instructions', 'instructions are not supported for this model.');
      return { headers: { 'content-type': audio.type }, body: audio.bytes };
    }),
  );

  server.route(
    'POST /v1/moderations',
    api((call) => {
      const body = call.bodyJson as Record<string, unknown> | undefined;
      if (typeof body !== 'object' || body === null || typeof body.input !== 'string')
        return invalid('input', 'input is required.');
      const violent = /\bFLAGGED\b/.test(body.input);
      return {
        json: {
          id: 'modr-fake',
          model: String(body.model ?? 'omni-moderation-latest'),
          results: [
            { flagged: violent, categories: { violence: violent, sexual: false, 'sexual/minors': false } },
          ],
        },
      };
    }),
  );

  return {
    baseUrl: `${server.url}/v1`,
    origin: server.url,
    server,
    failNext(response) {
      failure = response;
    },
    reset() {
      failure = undefined;
      server.reset();
    },
    close: () => server.close(),
  };
}

/** OpenAI's refusal of an unsafe prompt (GPT Image). */
export const moderationBlocked = openAiError(
  400,
  'Your request was rejected as a result of our safety system. Your request may contain content that is not allowed by our safety system.',
  'moderation_blocked',
  null,
  'image_generation_user_error',
);
export const rateLimited: FakeResponse = {
  ...openAiError(
    429,
    'Rate limit reached for requests. Please try again in 2s.',
    'rate_limit_exceeded',
    null,
    'requests',
  ),
  headers: { 'retry-after': '2' },
};
export const quotaExceeded = openAiError(
  429,
  'You exceeded your current quota, please check your plan and billing details.',
  'insufficient_quota',
  null,
  'insufficient_quota',
);
export const serverError = openAiError(
  500,
  'The server had an error while processing your request. Sorry about that!',
  null,
  null,
  'server_error',
);

/** A PNG as a `data:` URI, as chat hands an uploaded image to a model. */
export function pngDataUri(): string {
  return `data:image/png;base64,${Buffer.from(IMAGES.png!).toString('base64')}`;
}
