import {
  ConfigError,
  definePlugin,
  defineProvider,
  GenHubError,
  type HttpClient,
  type Logger,
  providerEnvName,
} from '@genhub/provider';
import { readBalance } from './api/subscription.js';
import { ELEVENLABS_ID, type ElevenLabsConfig, elevenLabsConfig } from './config.js';
import { MUSIC_MODELS, musicModel } from './models/music-models.js';
import { soundEffectsModel } from './models/sound-effects-model.js';
import { SPEECH_MODELS, speechModel } from './models/speech-models.js';
import { type AccountVoice, listVoices } from './voices/list-voices.js';
import { voiceChoices } from './voices/voice-choices.js';

/**
 * The ElevenLabs plugin: text to speech with the account's voices (read at start), sound effects and
 * music. Every call answers with the audio, so jobs finish in `submit`.
 */
export const elevenLabsPlugin = definePlugin({
  id: ELEVENLABS_ID,
  name: 'ElevenLabs',
  description: 'Text to speech with your ElevenLabs voices, sound effects and music.',
  contract: 1,
  config: elevenLabsConfig,
  async setup({ http, logger, signal }, config) {
    const api = http.withDefaults({
      baseUrl: config.baseUrl,
      provider: ELEVENLABS_ID,
      headers: { 'xi-api-key': config.apiKey },
      secrets: [config.apiKey],
    });
    const voices = voiceChoices(await accountVoices(api, logger, signal), config.defaultVoice);
    if (!voices.defaultIsListed) throw unknownDefaultVoice(config);
    return defineProvider({
      models: [
        ...SPEECH_MODELS.map((facts) => speechModel(api, facts, voices)),
        soundEffectsModel(api),
        ...MUSIC_MODELS.map((facts) => musicModel(api, facts)),
      ],
      balance: ({ signal: call }) => readBalance(api, call),
    });
  },
});

/**
 * The account's voices. A wrong key stops the start (nothing would work); any other failure leaves
 * the plugin running with voices given by id, and says so in the log.
 */
async function accountVoices(api: HttpClient, logger: Logger, signal: AbortSignal): Promise<AccountVoice[]> {
  try {
    return await listVoices(api, signal);
  } catch (error) {
    if (GenHubError.isInstance(error) && (error.code === 'AUTH' || error.code === 'CANCELLED')) throw error;
    logger.warn('ElevenLabs voices could not be listed; voices are taken by id until the next start', {
      error: error instanceof Error ? error.message : String(error),
    });
    return [];
  }
}

/** The start stops when the configured default voice is not one of the account's. */
function unknownDefaultVoice(config: ElevenLabsConfig): ConfigError {
  return new ConfigError(
    [
      {
        key: `providers.${ELEVENLABS_ID}.defaultVoice`,
        env: providerEnvName(ELEVENLABS_ID, 'defaultVoice'),
        message: `"${config.defaultVoice}" is not a voice of this ElevenLabs account; use a voice name or id it lists.`,
      },
    ],
    'the ElevenLabs plugin settings',
  );
}
