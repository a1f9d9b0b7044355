/**
 * The Kling video models this plugin offers, with what each accepts and costs: the one place for
 * these facts. Capabilities follow the capability map of Kling's API reference; prices are Kling's
 * published API prices in units (see README for the source and date).
 */

/** US dollars per Kling unit, the price of the entry video resource pack. */
export const USD_PER_UNIT = 0.14;

export type KlingMode = 'std' | 'pro';

export interface KlingModelFacts {
  /** Kling's `model_name`. */
  modelName: string;
  name: string;
  /** Modes the model runs in; the first is the default. */
  modes: readonly [KlingMode, ...KlingMode[]];
  /** Units for 5 seconds in each mode (10 seconds cost twice as much). */
  unitsPer5s: Readonly<Partial<Record<KlingMode, number>>>;
  /** Native audio (`sound: on`), pro mode only; units for 5 seconds with it. */
  audioUnitsPer5s?: number;
  /** Takes `cfg_scale` (Kling's v1 models only). */
  cfgScale: boolean;
  /** Takes `camera_control`. */
  camera: boolean;
  /** Its videos can be extended with `/v1/videos/video-extend`. */
  extendable: boolean;
}

export const KLING_MODELS: readonly KlingModelFacts[] = [
  {
    modelName: 'kling-v2-6',
    name: 'Kling 2.6',
    modes: ['pro', 'std'],
    unitsPer5s: { std: 1.5, pro: 2.5 },
    audioUnitsPer5s: 5,
    cfgScale: false,
    camera: false,
    extendable: false,
  },
  {
    modelName: 'kling-v2-5-turbo',
    name: 'Kling 2.5 Turbo',
    modes: ['std', 'pro'],
    unitsPer5s: { std: 1.5, pro: 2.5 },
    cfgScale: false,
    camera: false,
    extendable: false,
  },
  {
    modelName: 'kling-v2-1-master',
    name: 'Kling 2.1 Master',
    modes: ['pro'],
    unitsPer5s: { pro: 10 },
    cfgScale: false,
    camera: false,
    extendable: false,
  },
  {
    modelName: 'kling-v1-6',
    name: 'Kling 1.6',
    modes: ['std', 'pro'],
    unitsPer5s: { std: 1, pro: 3.5 },
    cfgScale: true,
    camera: true,
    extendable: true,
  },
];

/** Units for one extension (+4 to 5 seconds) of a video; Kling reports the real deduction. */
export const EXTEND_UNITS = 1;

/** Kling's limit on `prompt` and `negative_prompt`. */
export const PROMPT_MAX_LENGTH = 2500;
export const DURATIONS = [5, 10] as const;
export const ASPECT_RATIOS = ['16:9', '9:16', '1:1'] as const;
/** Kling's predefined camera moves; the six axes are `simple` moves of `cameraStrength`. */
export const CAMERA_MOVES = [
  'horizontal',
  'vertical',
  'pan',
  'tilt',
  'roll',
  'zoom',
  'down_back',
  'forward_up',
  'right_turn_forward',
  'left_turn_forward',
] as const;
export type CameraMove = (typeof CAMERA_MOVES)[number];
export const SIMPLE_CAMERA_AXES: readonly CameraMove[] = [
  'horizontal',
  'vertical',
  'pan',
  'tilt',
  'roll',
  'zoom',
];
