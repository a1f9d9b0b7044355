/**
 * What the AINative Studio multimodal documents say about each endpoint: path, credits, rate limit,
 * tier and the request body fields with their ranges. The fake answers from this table alone.
 */

/** Generation endpoints, as paths under the base URL (`/api/v1/multimodal`). */
export const AINATIVE_GENERATION_ENDPOINTS = [
  'tts',
  'image',
  'video/i2v',
  'video/t2v',
  'video/cogvideox',
] as const;
export type AiNativeGenerationEndpoint = (typeof AINATIVE_GENERATION_ENDPOINTS)[number];

/** Every endpoint the fake serves, for scripting failures; `files` is the fake's own download route. */
export type AiNativeFakeEndpoint =
  | AiNativeGenerationEndpoint
  | 'usage'
  | 'usage/{usage_id}'
  | 'health'
  | 'files';

/** The `endpoint_type` filter values of `GET /usage`. */
export type AiNativeEndpointType = 'tts' | 'image' | 'video_i2v' | 'video_t2v' | 'video_cogvideox';

export const AINATIVE_ENDPOINT_TYPES: Readonly<Record<AiNativeGenerationEndpoint, AiNativeEndpointType>> = {
  tts: 'tts',
  image: 'image',
  'video/i2v': 'video_i2v',
  'video/t2v': 'video_t2v',
  'video/cogvideox': 'video_cogvideox',
};

/** The image-to-video providers of the user guide's table (the endpoint catalogue omits wan22). */
export const AINATIVE_I2V_PROVIDERS = {
  wan22: { credits: 400, durationSeconds: 5, premium: false },
  seedance: { credits: 520, durationSeconds: 5, premium: false },
  sora2: { credits: 800, durationSeconds: 4, premium: true },
} as const;
export type AiNativeI2vProvider = keyof typeof AINATIVE_I2V_PROVIDERS;

/** Credits per request ("Credit Costs Summary"); i2v depends on the provider. */
export const AINATIVE_CREDITS = {
  tts: 14,
  image: 50,
  'video/t2v': 1000,
  'video/cogvideox': 800,
} as const;

/** 1 credit in US dollars: 50 credits ~ $0.025, 14 ~ $0.007, 1000 ~ $0.50. */
export const AINATIVE_USD_PER_CREDIT = 0.0005;

/** Requests per minute per user, as documented. */
export const AINATIVE_RATE_LIMITS: Readonly<Record<AiNativeGenerationEndpoint, number>> = {
  tts: 10,
  image: 5,
  'video/i2v': 2,
  'video/t2v': 1,
  'video/cogvideox': 1,
};

/** CogVideoX outputs 8 frames per second. */
export const AINATIVE_COGVIDEOX_FPS = 8;

export type AiNativeRequestBody =
  | { endpoint: 'tts'; text: string; voice: string }
  | { endpoint: 'image'; prompt: string; width: number; height: number; style: string | null }
  | { endpoint: 'video/i2v'; image_url: string; motion_prompt: string; provider: AiNativeI2vProvider }
  | { endpoint: 'video/t2v'; prompt: string; duration: number }
  | {
      endpoint: 'video/cogvideox';
      prompt: string;
      num_frames: 17 | 33 | 49;
      guidance_scale: number;
      num_inference_steps: number;
    };

/** A documented body, with defaults filled in, or the reason it is a 400. */
export type ParsedBody = { ok: true; body: AiNativeRequestBody } | { ok: false; detail: string };

const FIELDS: Readonly<Record<AiNativeGenerationEndpoint, readonly string[]>> = {
  tts: ['text', 'voice'],
  image: ['prompt', 'width', 'height', 'style'],
  'video/i2v': ['image_url', 'motion_prompt', 'provider'],
  'video/t2v': ['prompt', 'duration'],
  'video/cogvideox': ['prompt', 'num_frames', 'guidance_scale', 'num_inference_steps'],
};

class BadRequest extends Error {}

function text(
  body: Record<string, unknown>,
  field: string,
  max: number,
  required: boolean,
): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    if (required) throw new BadRequest(`${field} is required`);
    return undefined;
  }
  if (typeof value !== 'string') throw new BadRequest(`${field} must be a string`);
  if (value.length < 1 || value.length > max) throw new BadRequest(`${field} must be 1-${max} characters`);
  return value;
}

function integer(body: Record<string, unknown>, field: string, min: number, max: number): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new BadRequest(`${field} must be an integer`);
  if (value < min || value > max) throw new BadRequest(`${field} must be between ${min} and ${max}`);
  return value;
}

function float(body: Record<string, unknown>, field: string, min: number, max: number): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new BadRequest(`${field} must be a number`);
  if (value < min || value > max) throw new BadRequest(`${field} must be between ${min} and ${max}`);
  return value;
}

/**
 * Checks a request body against the user guide's parameter table for the endpoint. Unknown fields
 * are refused too (stricter than the real API may be), so a test notices a misspelt field.
 */
export function parseRequestBody(endpoint: AiNativeGenerationEndpoint, json: unknown): ParsedBody {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, detail: 'Invalid request: the body must be a JSON object' };
  }
  const body = json as Record<string, unknown>;
  const unknown = Object.keys(body).filter((key) => !FIELDS[endpoint].includes(key));
  if (unknown.length > 0)
    return { ok: false, detail: `Invalid request: unknown field(s) ${unknown.join(', ')}` };
  try {
    return { ok: true, body: parseFields(endpoint, body) };
  } catch (error) {
    if (error instanceof BadRequest) return { ok: false, detail: `Invalid request: ${error.message}` };
    throw error;
  }
}

function parseFields(
  endpoint: AiNativeGenerationEndpoint,
  body: Record<string, unknown>,
): AiNativeRequestBody {
  switch (endpoint) {
    case 'tts':
      return {
        endpoint,
        text: text(body, 'text', 5000, true)!,
        voice: text(body, 'voice', 200, false) ?? 'Wise_Woman',
      };
    case 'image':
      return {
        endpoint,
        prompt: text(body, 'prompt', 2000, true)!,
        width: integer(body, 'width', 512, 2048) ?? 1024,
        height: integer(body, 'height', 512, 2048) ?? 1024,
        style: text(body, 'style', 200, false) ?? null,
      };
    case 'video/i2v': {
      const imageUrl = text(body, 'image_url', 4096, true)!;
      if (!/^https?:\/\//i.test(imageUrl)) throw new BadRequest('image_url must be a public http(s) URL');
      const provider = text(body, 'provider', 20, false) ?? 'wan22';
      if (!Object.hasOwn(AINATIVE_I2V_PROVIDERS, provider)) {
        throw new BadRequest('provider must be one of wan22, seedance, sora2');
      }
      return {
        endpoint,
        image_url: imageUrl,
        motion_prompt: text(body, 'motion_prompt', 1000, true)!,
        provider: provider as AiNativeI2vProvider,
      };
    }
    case 'video/t2v':
      return {
        endpoint,
        prompt: text(body, 'prompt', 1000, true)!,
        duration: integer(body, 'duration', 1, 10) ?? 5,
      };
    case 'video/cogvideox': {
      const frames = body.num_frames ?? 49;
      if (frames !== 17 && frames !== 33 && frames !== 49)
        throw new BadRequest('num_frames must be 17, 33 or 49');
      return {
        endpoint,
        prompt: text(body, 'prompt', 1000, true)!,
        num_frames: frames,
        guidance_scale: float(body, 'guidance_scale', 1, 20) ?? 6,
        num_inference_steps: integer(body, 'num_inference_steps', 20, 100) ?? 50,
      };
    }
  }
}

/** Credits one valid request costs. */
export function creditsFor(body: AiNativeRequestBody): number {
  if (body.endpoint === 'video/i2v') return AINATIVE_I2V_PROVIDERS[body.provider].credits;
  return AINATIVE_CREDITS[body.endpoint];
}

/** Whether the request needs a premium tier: sora2 image-to-video and all text-to-video. */
export function isPremium(body: AiNativeRequestBody): boolean {
  if (body.endpoint === 'video/i2v') return AINATIVE_I2V_PROVIDERS[body.provider].premium;
  return body.endpoint === 'video/t2v';
}
