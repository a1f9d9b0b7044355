import {
  type FakeCall,
  type FakeResponse,
  type FakeServer,
  solidPng,
  startFakeServer,
} from '@genhub/testkit';

/*
 * A fake of Ideogram's API (developer.ideogram.ai, the Ideogram 3.0 endpoints and Upscale) on
 * 127.0.0.1. Every route wants the key in `Api-Key` (401 otherwise), takes a multipart form,
 * checks it against the documented fields and limits (400 `{ error }` when it is wrong) and answers
 * synchronously with `{ created, data: [ImageObject] }`. The image URLs are served by the fake
 * itself, without a key, as Ideogram's ephemeral links are. `/inputs/:name` serves input images.
 */

export const FAKE_IDEOGRAM_KEY = 'ideogram-fake-key-0123456789abcdef';

const ASPECT_RATIOS = new Set([
  '1x3',
  '3x1',
  '1x2',
  '2x1',
  '9x16',
  '16x9',
  '10x16',
  '16x10',
  '2x3',
  '3x2',
  '3x4',
  '4x3',
  '4x5',
  '5x4',
  '1x1',
]);
const RENDERING_SPEEDS = new Set(['FLASH', 'TURBO', 'DEFAULT', 'QUALITY']);
const MAGIC_PROMPT = new Set(['AUTO', 'ON', 'OFF']);
const STYLE_TYPES = new Set(['AUTO', 'GENERAL', 'REALISTIC', 'DESIGN', 'FICTION']);

/** What the next image requests get: images, some or all flagged unsafe, or a refusal. */
export type Outcome = 'images' | 'someUnsafe' | 'allUnsafe' | FakeResponse;

export interface FakeIdeogramApi {
  readonly url: string;
  readonly server: FakeServer;
  /** The requests to an image endpoint, by path. */
  posts(path?: string): FakeCall[];
  /** How the next image requests go (until changed). */
  answer(outcome: Outcome): void;
  /** The next image request alone is answered with this refusal. */
  refuseOnce(response: FakeResponse): void;
  /** A link to an input image the fake serves. */
  inputUrl(name: string): string;
  reset(): void;
  close(): Promise<void>;
}

const unauthorized: FakeResponse = { status: 401, json: { error: 'Invalid API key.' } };
const bad = (message: string): FakeResponse => ({ status: 400, json: { error: message } });

/** Checks a form's fields as the endpoint documents them; the first problem, or undefined. */
type Check = (call: FakeCall) => string | undefined;

const field = (call: FakeCall, name: string) => call.multipart?.fields[name];
const file = (call: FakeCall, name: string) => call.multipart?.files[name];
const count = (call: FakeCall, name: string) =>
  call.multipart?.entries.filter((entry) => entry.name === name).length ?? 0;

function intIn(value: string | undefined, min: number, max: number): boolean {
  if (value === undefined) return true;
  const number = Number(value);
  return Number.isInteger(number) && number >= min && number <= max;
}

/** The fields the Ideogram 3.0 endpoints share. */
const sharedFields: Check = (call) => {
  if (!intIn(field(call, 'seed'), 0, 2_147_483_647)) return 'seed must be between 0 and 2147483647.';
  if (!intIn(field(call, 'num_images'), 1, 8)) return 'num_images must be between 1 and 8.';
  const speed = field(call, 'rendering_speed');
  if (speed !== undefined && !RENDERING_SPEEDS.has(speed)) return `Invalid rendering_speed ${speed}.`;
  const magic = field(call, 'magic_prompt');
  if (magic !== undefined && !MAGIC_PROMPT.has(magic)) return `Invalid magic_prompt ${magic}.`;
  const styleType = field(call, 'style_type');
  if (styleType !== undefined && !STYLE_TYPES.has(styleType)) return `Invalid style_type ${styleType}.`;
  const preset = field(call, 'style_preset');
  if (preset !== undefined && !/^[A-Z0-9_]+$/.test(preset)) return `Invalid style_preset ${preset}.`;
  const codes = call.multipart?.entries.filter((entry) => entry.name === 'style_codes') ?? [];
  if (codes.some((entry) => typeof entry.value !== 'string' || !/^[0-9a-fA-F]{8}$/.test(entry.value))) {
    return 'style_codes must be 8 hexadecimal characters each.';
  }
  if (codes.length > 0 && (styleType !== undefined || count(call, 'style_reference_images') > 0)) {
    return 'style_codes cannot be used in conjunction with style_reference_images or style_type.';
  }
  if (count(call, 'character_reference_images') > 1) return 'Only 1 character reference image is supported.';
  if (count(call, 'character_reference_images_mask') > count(call, 'character_reference_images')) {
    return 'character_reference_images_mask must match the number of character_reference_images.';
  }
  return undefined;
};

const needs =
  (...names: string[]): Check =>
  (call) => {
    for (const name of names) {
      if (field(call, name) === undefined && file(call, name) === undefined) return `${name} is required.`;
    }
    return undefined;
  };

const ratioOrResolution: Check = (call) => {
  const ratio = field(call, 'aspect_ratio');
  if (ratio !== undefined && field(call, 'resolution') !== undefined) {
    return 'aspect_ratio cannot be used in conjunction with resolution.';
  }
  if (ratio !== undefined && !ASPECT_RATIOS.has(ratio)) return `Invalid aspect_ratio ${ratio}.`;
  return undefined;
};

const ENDPOINTS: Readonly<Record<string, Check[]>> = {
  '/v1/ideogram-v3/generate': [needs('prompt'), ratioOrResolution, sharedFields],
  '/v1/ideogram-v3/remix': [
    needs('image', 'prompt'),
    ratioOrResolution,
    sharedFields,
    (call) =>
      intIn(field(call, 'image_weight'), 1, 100) ? undefined : 'image_weight must be between 1 and 100.',
  ],
  '/v1/ideogram-v3/edit': [needs('image', 'mask', 'prompt'), sharedFields],
  '/v1/ideogram-v3/reframe': [
    needs('image', 'resolution'),
    sharedFields,
    (call) => (/^\d+x\d+$/.test(field(call, 'resolution') ?? '') ? undefined : 'Invalid resolution.'),
  ],
  '/v1/ideogram-v3/replace-background': [needs('image', 'prompt'), sharedFields],
  '/upscale': [needs('image_file', 'image_request'), upscaleRequest],
};

/** `/upscale`'s `image_request`: a JSON object of settings. */
function upscaleRequest(call: FakeCall): string | undefined {
  let request: Record<string, unknown>;
  try {
    request = JSON.parse(field(call, 'image_request') ?? '') as Record<string, unknown>;
  } catch {
    return 'image_request must be JSON.';
  }
  for (const name of ['resemblance', 'detail'] as const) {
    const value = request[name];
    if (value !== undefined && !intIn(String(value), 1, 100)) return `${name} must be between 1 and 100.`;
  }
  if (request.num_images !== undefined && !intIn(String(request.num_images), 1, 8)) {
    return 'num_images must be between 1 and 8.';
  }
  return undefined;
}

const image = solidPng(32, 32, [120, 60, 200]);

export async function startFakeIdeogramApi(): Promise<FakeIdeogramApi> {
  const server = await startFakeServer();
  let outcome: Outcome = 'images';
  let once: FakeResponse | undefined;
  let made = 0;

  const answer = (call: FakeCall): FakeResponse => {
    if (call.headers['api-key'] !== FAKE_IDEOGRAM_KEY) return unauthorized;
    if (call.multipart === undefined) return bad('The request must be multipart/form-data.');
    for (const check of ENDPOINTS[call.path] ?? []) {
      const problem = check(call);
      if (problem !== undefined) return bad(problem);
    }
    if (once !== undefined) {
      const refusal = once;
      once = undefined;
      return refusal;
    }
    if (typeof outcome === 'object') return outcome;
    const request =
      call.path === '/upscale' ? (JSON.parse(field(call, 'image_request')!) as Record<string, unknown>) : {};
    const quantity = Number(field(call, 'num_images') ?? request.num_images ?? 1);
    const data = Array.from({ length: quantity }, (_, index) => {
      made += 1;
      const safe = outcome === 'images' || (outcome === 'someUnsafe' && index > 0);
      return {
        prompt: field(call, 'prompt') ?? 'an upscaled image',
        resolution: field(call, 'resolution') ?? '1024x1024',
        is_image_safe: safe,
        seed: Number(field(call, 'seed') ?? request.seed ?? 1000 + made),
        url: safe ? `${server.url}/ephemeral/image-${made}.png` : null,
        style_type: field(call, 'style_type') ?? 'GENERAL',
      };
    });
    return { json: { created: '2026-12-03T04:00:00Z', data } };
  };

  const routes = () => {
    for (const path of Object.keys(ENDPOINTS)) server.route(`POST ${path}`, answer);
    server.route('GET /ephemeral/:name', { headers: { 'content-type': 'image/png' }, body: image });
    server.route('GET /inputs/:name', { headers: { 'content-type': 'image/png' }, body: image });
  };
  routes();

  return {
    url: server.url,
    server,
    posts: (path) =>
      server.calls.filter((call) => call.method === 'POST' && (path === undefined || call.path === path)),
    answer(next) {
      outcome = next;
    },
    refuseOnce(response) {
      once = response;
    },
    inputUrl: (name) => `${server.url}/inputs/${name}`,
    reset() {
      server.reset();
      outcome = 'images';
      once = undefined;
      made = 0;
      routes();
    },
    close: () => server.close(),
  };
}
