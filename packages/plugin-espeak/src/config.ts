import { z } from 'zod';

/** Speaking rate in words per minute: espeak-ng's range without the sonic speed-up (not in this build). */
export const SPEED = { min: 80, max: 450, default: 175 } as const;
/** espeak-ng's pitch adjustment. */
export const PITCH = { min: 0, max: 99, default: 50 } as const;
/** Longest text one request may speak, in characters. */
export const PROMPT_MAX_LENGTH = 2000;
/** The voice used when neither the request nor `defaultVoice` names one. */
export const FALLBACK_VOICE = 'en-us';

/**
 * The plugin's settings. None is required, so GenHub starts the plugin with no configuration at all.
 * `GENHUB_ESPEAK_DEFAULT_VOICE` sets `defaultVoice`; an unknown voice stops the start with a
 * ConfigError listing the accepted ones.
 */
export const espeakConfig = z.object({
  defaultVoice: z.string().trim().min(1).optional().describe('Voice used when a request names none'),
});

export type EspeakConfig = z.output<typeof espeakConfig>;
