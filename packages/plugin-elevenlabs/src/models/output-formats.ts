import { mediaTypeForExtension } from '@genhub/provider';
import { z } from 'zod';

/**
 * The `output_format` values GenHub offers: the ones that make a playable file. Raw PCM, μ-law and
 * A-law samples have no header, so a chat could not play them; they are left out. Higher MP3
 * bitrates and 44.1 kHz WAV need a Creator or Pro subscription (the API refuses them otherwise).
 */
export const SPEECH_FORMATS = [
  'mp3_22050_32',
  'mp3_24000_48',
  'mp3_44100_32',
  'mp3_44100_64',
  'mp3_44100_96',
  'mp3_44100_128',
  'mp3_44100_192',
  'opus_48000_32',
  'opus_48000_64',
  'opus_48000_96',
  'opus_48000_128',
  'opus_48000_192',
  'wav_8000',
  'wav_16000',
  'wav_22050',
  'wav_24000',
  'wav_32000',
  'wav_44100',
  'wav_48000',
] as const;

/** Sound effects take the same formats but WAV. */
export const SOUND_FORMATS = SPEECH_FORMATS.filter((format) => !format.startsWith('wav_')) as [
  (typeof SPEECH_FORMATS)[number],
  ...(typeof SPEECH_FORMATS)[number][],
];

/** Music adds 48 kHz MP3 and has no WAV. */
export const MUSIC_FORMATS = [
  'mp3_48000_128',
  'mp3_48000_192',
  'mp3_48000_240',
  'mp3_48000_320',
  ...SOUND_FORMATS,
] as const;

export const DEFAULT_FORMAT = 'mp3_44100_128';

export const outputFormat = <const Formats extends readonly [string, ...string[]]>(
  formats: Formats,
  fallback: Formats[number],
) => z.enum(formats).default(fallback).describe('Audio format: codec_samplerate_bitrate');

/** The media type of an `output_format` value, from its codec: `mp3_44100_128` is audio/mpeg. */
export function mediaTypeOfFormat(format: string): string {
  return mediaTypeForExtension(format.split('_', 1)[0] ?? '', 'audio') ?? 'application/octet-stream';
}
