import type { Price } from '@genhub/provider';

/**
 * What Luma's models take and cost, stated once. Values from Luma's API reference
 * (docs.lumalabs.ai: API, errors) and its SDK (lumaai-node `src/resources/generations/*.ts`, v1.21.0);
 * prices from Luma's per-pixel API rates as of 2026-12-03 (see the README for where they came from).
 */

/** `aspect_ratio`, the same list for Ray and Photon. */
export const ASPECT_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9', '9:21'] as const;

/** Ray's `resolution`; 4k is Luma's upscaled output. */
export const RESOLUTIONS = ['540p', '720p', '1080p', '4k'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/** Ray's `duration`, in whole seconds (sent as `"5s"` or `"9s"`). */
export const DURATIONS = [5, 9] as const;

/** Luma refuses prompts shorter or longer than these (docs.lumalabs.ai/docs/errors). */
export const PROMPT_MIN = 3;
export const PROMPT_MAX = 5000;

/** Photon's reference limits: up to four `image_ref`s and character images, one style and one edit. */
export const MAX_IMAGE_REFS = 4;
export const MAX_CHARACTER_IMAGES = 4;

/** Ray renders 24 frames a second. */
const FRAMES_PER_SECOND = 24;

/** Pixels in one 16:9 frame at each resolution; other shapes are priced as 16:9. */
const FRAME_PIXELS: Readonly<Record<Resolution, number>> = {
  '540p': 960 * 540,
  '720p': 1280 * 720,
  '1080p': 1920 * 1080,
  '4k': 3840 * 2160,
};

/** Photon's images are about 1080p (1920x1080 at 16:9). */
const IMAGE_PIXELS = 1920 * 1080;

/** Luma's published rates, in US dollars per million output pixels. */
export const USD_PER_MEGAPIXEL = {
  'ray-2': 0.0064,
  'ray-flash-2': 0.0022,
  'photon-1': 0.0073,
  'photon-flash-1': 0.0019,
} as const;

export type RayModel = 'ray-2' | 'ray-flash-2';
export type PhotonModel = 'photon-1' | 'photon-flash-1';

const price = (usd: number): Price => ({ usd: Math.round(usd * 10_000) / 10_000, approximate: true });

/** A video's price: every frame's pixels at the model's rate. */
export function videoPrice(model: RayModel, resolution: Resolution, seconds: number): Price {
  const megapixels = (FRAME_PIXELS[resolution] * FRAMES_PER_SECOND * seconds) / 1_000_000;
  return price(megapixels * USD_PER_MEGAPIXEL[model]);
}

/** An image's price. */
export function imagePrice(model: PhotonModel): Price {
  return price((IMAGE_PIXELS / 1_000_000) * USD_PER_MEGAPIXEL[model]);
}

/** Luma's credit balance is in US cents (lumaai-node `src/resources/credits.ts`). */
export const USD_PER_CREDIT = 0.01;
