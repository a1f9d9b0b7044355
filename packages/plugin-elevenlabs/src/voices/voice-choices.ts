import { z } from 'zod';
import { ElevenLabsDefaults } from '../config.js';
import type { AccountVoice } from './list-voices.js';

/**
 * The `voice` parameter of the speech models and how a chosen value becomes a voice id. With the
 * account's voices listed, `voice` is an enum of their names (chat offers them as choices, or by
 * autocomplete past 25), a name shared by two voices carrying its id; the configured default voice
 * may be a name or an id. Without the list (it could not be read at start), any voice id is taken.
 */
export interface VoiceChoices {
  schema: z.ZodDefault<z.ZodType<string, string>>;
  /** The voice id for a chosen value. */
  idFor(value: string): string;
  /** How many voices were listed; 0 when the list could not be read. */
  count: number;
  /** False when a default voice was configured that the listed voices do not have. */
  defaultIsListed: boolean;
}

const description = 'Voice of the ElevenLabs account, by name';

export function voiceChoices(
  voices: readonly AccountVoice[],
  defaultVoice: string | undefined,
): VoiceChoices {
  if (voices.length === 0) {
    return {
      schema: z
        .string()
        .trim()
        .min(1)
        .default(defaultVoice ?? ElevenLabsDefaults.fallbackVoiceId)
        .describe('ElevenLabs voice id'),
      idFor: (value) => value,
      count: 0,
      defaultIsListed: true,
    };
  }
  const nameCounts = new Map<string, number>();
  for (const voice of voices) nameCounts.set(voice.name, (nameCounts.get(voice.name) ?? 0) + 1);
  const idsByLabel = new Map<string, string>();
  for (const voice of voices) {
    const label = nameCounts.get(voice.name) === 1 ? voice.name : `${voice.name} (${voice.id})`;
    idsByLabel.set(label, voice.id);
  }
  const labels = [...idsByLabel.keys()] as [string, ...string[]];
  const configured =
    defaultVoice === undefined
      ? undefined
      : labels.find((label) => label === defaultVoice || idsByLabel.get(label) === defaultVoice);
  const premade = voices.find((voice) => voice.category === 'premade');
  const fallback = labels.find((label) => idsByLabel.get(label) === premade?.id) ?? labels[0];
  return {
    schema: z
      .enum(labels)
      .default(configured ?? fallback)
      .describe(description),
    idFor: (value) => idsByLabel.get(value) ?? value,
    count: voices.length,
    defaultIsListed: defaultVoice === undefined || configured !== undefined,
  };
}
