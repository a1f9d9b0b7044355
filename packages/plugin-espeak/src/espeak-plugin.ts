import { ConfigError, definePlugin, GenHubError, type ModelSpec, providerEnvName } from '@genhub/provider';
import { espeakConfig, FALLBACK_VOICE, PITCH, SPEED } from './config.js';
import { type EspeakEngine, sharedEngine } from './engine/espeak-engine.js';
import { buildModel } from './model.js';
import { isSilent, readWav } from './wav.js';

export const ESPEAK_PLUGIN_ID = 'espeak';

/** Builds the plugin over an engine; `espeakPlugin` uses the process-wide one. */
export function createEspeakPlugin(engine: EspeakEngine = sharedEngine) {
  return definePlugin({
    id: ESPEAK_PLUGIN_ID,
    name: 'eSpeak NG',
    description: 'Offline text to speech with espeak-ng compiled to WebAssembly; no API key, no network.',
    contract: 1,
    config: espeakConfig,
    setup(_context, config) {
      let model: Promise<ModelSpec> | undefined;
      // The voice list is only known by asking the program, so the model is built on first use.
      const catalogue = (signal: AbortSignal): Promise<ModelSpec> => {
        model ??= engine.listVoices(signal).then((voices) => {
          const defaultVoice = config.defaultVoice ?? FALLBACK_VOICE;
          if (!voices.some((voice) => voice.language === defaultVoice)) {
            throw new ConfigError(
              [
                {
                  key: `providers.${ESPEAK_PLUGIN_ID}.defaultVoice`,
                  env: providerEnvName(ESPEAK_PLUGIN_ID, 'defaultVoice'),
                  message: `"${defaultVoice}" is not an espeak-ng voice; use one of ${voices.map((voice) => voice.language).join(', ')}.`,
                },
              ],
              'the eSpeak NG plugin settings',
            );
          }
          return buildModel(voices, defaultVoice);
        });
        model.catch(() => {
          model = undefined;
        });
        return model;
      };

      return {
        // Speech is made here, for free: making it again after a failure can bill no one.
        capabilities: { idempotentSubmit: true },
        async models({ signal }) {
          return [await catalogue(signal)];
        },
        async submit({ params }, { signal }) {
          const text = params.prompt;
          const voice = params.voice ?? config.defaultVoice ?? FALLBACK_VOICE;
          const speed = params.speed ?? SPEED.default;
          const pitch = params.pitch ?? PITCH.default;
          if (typeof text !== 'string' || typeof voice !== 'string') {
            throw new GenHubError('INVALID_INPUT', 'espeak needs the text to speak as `prompt`.', {
              provider: ESPEAK_PLUGIN_ID,
              details: { param: 'prompt' },
            });
          }
          if (typeof speed !== 'number' || typeof pitch !== 'number') {
            throw new GenHubError('INVALID_INPUT', 'espeak takes `speed` and `pitch` as numbers.', {
              provider: ESPEAK_PLUGIN_ID,
            });
          }
          const data = await engine.synthesize({ text, voice, speed, pitch, signal });
          const wav = readWav(data);
          if (!wav) {
            throw new GenHubError('INTERNAL', 'espeak-ng wrote something that is not a WAV file.', {
              provider: ESPEAK_PLUGIN_ID,
            });
          }
          if (isSilent(data, wav)) {
            throw new GenHubError('INVALID_INPUT', 'The text has nothing espeak-ng can pronounce.', {
              provider: ESPEAK_PLUGIN_ID,
              details: { param: 'prompt' },
            });
          }
          return {
            status: 'succeeded',
            outputs: [
              {
                kind: 'bytes',
                data,
                mediaType: 'audio/wav',
                metadata: {
                  voice,
                  speed,
                  pitch,
                  sampleRate: wav.sampleRate,
                  durationSeconds: Math.round(wav.durationSeconds * 1000) / 1000,
                },
              },
            ],
            cost: { usd: 0 },
          };
        },
        async poll() {
          throw new GenHubError(
            'INTERNAL',
            'espeak finishes every task in submit; there is nothing to poll.',
            {
              provider: ESPEAK_PLUGIN_ID,
            },
          );
        },
        async health() {
          try {
            await engine.load();
            return { ok: true, message: 'espeak-ng WebAssembly module loaded' };
          } catch (error) {
            return { ok: false, message: error instanceof Error ? error.message : String(error) };
          }
        },
      };
    },
  });
}

/** The eSpeak NG provider plugin: `createGenHub(config, { plugins: [espeakPlugin] })`. */
export const espeakPlugin = createEspeakPlugin();
