/**
 * The Vidu models this plugin offers and what each accepts and costs, from the platform's API
 * reference (platform.vidu.com/docs) and its credit prices: the one place for these facts.
 */

/** Where a request goes: `POST /ent/v2/<endpoint>`. */
export type ViduEndpoint = 'text2video' | 'img2video' | 'start-end2video' | 'reference2video';
export type ViduResolution = '360p' | '540p' | '720p' | '1080p';

/** US dollars per Vidu credit (see README for the source and date). */
export const USD_PER_CREDIT = 0.05;
/** The longest prompt the image, start-end and reference routes take (text2video takes more). */
export const PROMPT_MAX_LENGTH = 1500;
export const MOVEMENT_AMPLITUDES = ['auto', 'small', 'medium', 'large'] as const;
export const STYLES = ['general', 'anime'] as const;
/** Most reference images `reference2video` takes. */
export const MAX_REFERENCE_IMAGES = 7;

export interface ViduModelFacts {
  /** Vidu's `model`. */
  model: string;
  name: string;
  endpoints: readonly ViduEndpoint[];
  /** Durations in seconds; the first is the default. */
  durations: readonly [number, ...number[]];
  /** Resolutions each duration allows; the first is Vidu's default for it. */
  resolutionsFor(duration: number): readonly ViduResolution[];
  /** Aspect ratios of text- and reference-to-video; the first is the default. */
  aspectRatios: readonly [string, ...string[]];
  /** Takes `style` (general or anime) on text-to-video. */
  style: boolean;
  /** Credits one video of this length and resolution costs. */
  credits(duration: number, resolution: ViduResolution): number;
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => from + index) as unknown as readonly [
    number,
    ...number[],
  ];
const perSecond =
  (rates: Partial<Record<ViduResolution, number>>) => (duration: number, resolution: ViduResolution) =>
    (rates[resolution] ?? 0) * duration;

export const VIDU_MODELS: readonly ViduModelFacts[] = [
  {
    model: 'viduq2-pro',
    name: 'Vidu Q2 Pro',
    endpoints: ['img2video', 'start-end2video'],
    durations: [5, ...range(1, 10).filter((seconds) => seconds !== 5)] as [number, ...number[]],
    resolutionsFor: () => ['720p', '540p', '1080p'],
    aspectRatios: ['16:9'],
    style: false,
    credits: perSecond({ '540p': 2, '720p': 2, '1080p': 4 }),
  },
  {
    model: 'viduq2-turbo',
    name: 'Vidu Q2 Turbo',
    endpoints: ['img2video', 'start-end2video'],
    durations: [5, ...range(1, 10).filter((seconds) => seconds !== 5)] as [number, ...number[]],
    resolutionsFor: () => ['720p', '540p', '1080p'],
    aspectRatios: ['16:9'],
    style: false,
    credits: perSecond({ '540p': 1, '720p': 1, '1080p': 2 }),
  },
  {
    model: 'viduq2',
    name: 'Vidu Q2',
    endpoints: ['text2video', 'reference2video'],
    durations: [5, ...range(1, 10).filter((seconds) => seconds !== 5)] as [number, ...number[]],
    resolutionsFor: () => ['720p', '540p', '1080p'],
    aspectRatios: ['16:9', '9:16', '3:4', '4:3', '1:1'],
    style: false,
    credits: perSecond({ '540p': 1, '720p': 1, '1080p': 2 }),
  },
  {
    model: 'viduq1',
    name: 'Vidu Q1',
    endpoints: ['text2video', 'img2video', 'start-end2video', 'reference2video'],
    durations: [5],
    resolutionsFor: () => ['1080p'],
    aspectRatios: ['16:9', '9:16', '1:1'],
    style: true,
    credits: () => 8,
  },
  {
    model: 'vidu2.0',
    name: 'Vidu 2.0',
    endpoints: ['img2video', 'start-end2video', 'reference2video'],
    durations: [4, 8],
    resolutionsFor: (duration) => (duration === 8 ? ['720p'] : ['360p', '720p', '1080p']),
    aspectRatios: ['16:9', '9:16', '1:1'],
    style: false,
    credits: (duration, resolution) =>
      duration === 8 ? 10 : { '360p': 2, '540p': 4, '720p': 4, '1080p': 10 }[resolution],
  },
];
