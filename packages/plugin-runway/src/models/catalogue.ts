import type { SizePreset } from '@genhub/provider';

/**
 * What Runway's models take and cost, stated once. Sizes are Runway's `ratio` values, `W:H` in pixels
 * (sdk-node src/resources/*.ts); core turns an asked aspect ratio into the nearest of them.
 * Prices are in Runway credits ($0.01 each), as of 2026-12-03, from third-party copies of Runway's
 * API reference (its pricing page could not be opened): see the README.
 */

/** gen4_turbo and gen4.5 image-to-video sizes (`ratio`). */
export const VIDEO_SIZES: readonly SizePreset[] = [
  { label: '16:9', width: 1280, height: 720 },
  { label: '9:16', width: 720, height: 1280 },
  { label: '4:3', width: 1104, height: 832 },
  { label: '3:4', width: 832, height: 1104 },
  { label: '1:1', width: 960, height: 960 },
  { label: '21:9', width: 1584, height: 672 },
];

/** gen4.5 text-to-video takes only landscape and portrait 720p. */
export const TEXT_TO_VIDEO_SIZES: readonly SizePreset[] = VIDEO_SIZES.slice(0, 2);

/** gen4_image and gen4_image_turbo sizes (`ratio`). */
export const IMAGE_SIZES: readonly SizePreset[] = [
  { label: '16:9', width: 1920, height: 1080 },
  { label: '9:16', width: 1080, height: 1920 },
  { label: '1:1', width: 1080, height: 1080 },
  { label: '4:3', width: 1440, height: 1080 },
  { label: '3:4', width: 1080, height: 1440 },
  { label: '21:9', width: 1808, height: 768 },
  { label: '1:1 (1024)', width: 1024, height: 1024 },
  { label: '4:3 (1168)', width: 1168, height: 880 },
  { label: '16:9 (1360)', width: 1360, height: 768 },
  { label: '21:9 (2112)', width: 2112, height: 912 },
  { label: '16:9 720p', width: 1280, height: 720 },
  { label: '9:16 720p', width: 720, height: 1280 },
  { label: '1:1 720p', width: 720, height: 720 },
  { label: '4:3 720p', width: 960, height: 720 },
  { label: '3:4 720p', width: 720, height: 960 },
  { label: '21:9 720p', width: 1680, height: 720 },
];

/** Runway's `ratio` for a size: `1280:720`. */
export const ratioOf = (size: { width: number; height: number }) => `${size.width}:${size.height}`;

/** Whether a size is one of the presets. */
export const isPreset = (presets: readonly SizePreset[], size: { width: number; height: number }) =>
  presets.some((preset) => preset.width === size.width && preset.height === size.height);

/** Images up to 720p's pixel count are priced as 720p, larger ones as 1080p. */
export const imageResolution = (size: { width: number; height: number }) =>
  size.width * size.height <= 1280 * 720 ? '720p' : '1080p';

/** Aleph's outpainting targets (`targetAspectRatio`). */
export const ALEPH_ASPECTS = ['16:9', '4:3', '3:2', '1:1', '2:3', '3:4', '9:16', '21:9'] as const;

/** Credits per second of output video, or per image. */
export const CREDITS = {
  gen4Turbo: { perSecond: 5 },
  gen45: { perSecond: 12 },
  aleph: { perSecond: 15 },
  /** Not on the pricing page read: estimated from Runway's earlier upscaler (2 credits a second). */
  videoUpscale: { perSecond: 2 },
  gen4Image: { '720p': 5, '1080p': 8 },
  gen4ImageTurbo: { perImage: 2 },
} as const;

/** Seconds of video priced when the input video's length is unknown before the task runs. */
export const ASSUMED_INPUT_SECONDS = 10;

/** The longest prompt Runway takes, in UTF-16 code units (JavaScript string length). */
export const PROMPT_MAX = 1000;

/** Runway's seeds are 32-bit unsigned integers. */
export const SEED_MAX = 4_294_967_295;
