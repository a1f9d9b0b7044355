/**
 * What Runway's models take and cost, stated once. Ratios are Runway's `W:H` pixel sizes
 * (sdk-node src/resources/*.ts); GenHub asks for an aspect ratio and gets the matching size.
 * Prices are in Runway credits ($0.01 each) from docs.dev.runwayml.com's pricing page, read
 * 2026-12-03.
 */

export const VIDEO_ASPECTS = ['16:9', '9:16', '4:3', '3:4', '1:1', '21:9'] as const;
export type VideoAspect = (typeof VIDEO_ASPECTS)[number];

/** gen4_turbo and gen4.5 image-to-video sizes. */
export const VIDEO_RATIOS: Readonly<Record<VideoAspect, string>> = {
  '16:9': '1280:720',
  '9:16': '720:1280',
  '4:3': '1104:832',
  '3:4': '832:1104',
  '1:1': '960:960',
  '21:9': '1584:672',
};

/** gen4.5 text-to-video takes only landscape and portrait 720p. */
export const TEXT_TO_VIDEO_ASPECTS: readonly VideoAspect[] = ['16:9', '9:16'];

export const IMAGE_ASPECTS = VIDEO_ASPECTS;
export type ImageResolution = '720p' | '1080p';

/** gen4_image and gen4_image_turbo sizes by resolution. */
export const IMAGE_RATIOS: Readonly<Record<ImageResolution, Readonly<Record<VideoAspect, string>>>> = {
  '720p': {
    '16:9': '1280:720',
    '9:16': '720:1280',
    '4:3': '960:720',
    '3:4': '720:960',
    '1:1': '720:720',
    '21:9': '1680:720',
  },
  '1080p': {
    '16:9': '1920:1080',
    '9:16': '1080:1920',
    '4:3': '1440:1080',
    '3:4': '1080:1440',
    '1:1': '1080:1080',
    '21:9': '1808:768',
  },
};

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
