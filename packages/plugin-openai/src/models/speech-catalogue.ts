/*
 * What OpenAI documents about speech, stated once: models, voices, formats and prices. From the
 * official SDK (openai-node src/resources/audio/speech.ts, read 2026-12-03), the text-to-speech guide
 * (platform.openai.com/docs/guides/text-to-speech) and OpenAI's pricing page, read 2026-12-03.
 */

/** Every built-in voice (gpt-4o-mini-tts takes them all). */
export const ALL_VOICES = [
  'alloy',
  'ash',
  'ballad',
  'coral',
  'echo',
  'fable',
  'onyx',
  'nova',
  'sage',
  'shimmer',
  'verse',
  'marin',
  'cedar',
] as const;

/** The voices tts-1 and tts-1-hd take. */
export const CLASSIC_VOICES = [
  'alloy',
  'ash',
  'coral',
  'echo',
  'fable',
  'onyx',
  'nova',
  'sage',
  'shimmer',
] as const;

/**
 * The formats GenHub asks for, with the media type of what comes back (`opus` is Opus in an Ogg
 * file). `pcm` (raw 24 kHz samples without a header) is left out: nothing could play or check it.
 */
export const SPEECH_FORMATS = {
  mp3: 'audio/mpeg',
  opus: 'audio/ogg; codecs=opus',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
} as const;

export type SpeechFormat = keyof typeof SPEECH_FORMATS;

export interface SpeechModelEntry {
  vendorId: string;
  name: string;
  voices: readonly [string, ...string[]];
  /** Takes `instructions` (tone, accent, pace). */
  instructions: boolean;
  /** US dollars per character of input, from the pricing page. */
  usdPerCharacter: number;
  /** True when the price is an estimate from another unit (gpt-4o-mini-tts is billed by tokens). */
  priceApproximate: boolean;
}

export const SPEECH_MODELS: readonly SpeechModelEntry[] = [
  {
    vendorId: 'gpt-4o-mini-tts',
    name: 'GPT-4o mini TTS',
    voices: ALL_VOICES,
    instructions: true,
    // About $0.015 a minute of speech, a minute being about 900 characters at speed 1.
    usdPerCharacter: 0.015 / 900,
    priceApproximate: true,
  },
  {
    vendorId: 'tts-1',
    name: 'TTS 1',
    voices: CLASSIC_VOICES,
    instructions: false,
    usdPerCharacter: 15 / 1_000_000,
    priceApproximate: false,
  },
  {
    vendorId: 'tts-1-hd',
    name: 'TTS 1 HD',
    voices: CLASSIC_VOICES,
    instructions: false,
    usdPerCharacter: 30 / 1_000_000,
    priceApproximate: false,
  },
];

/** The longest input (characters) and the speed range. */
export const SPEECH_INPUT_MAX_LENGTH = 4096;
export const SPEED_RANGE = { min: 0.25, max: 4, default: 1 } as const;
