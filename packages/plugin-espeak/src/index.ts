// @genhub/plugin-espeak: offline text to speech with espeak-ng (WebAssembly). GPL-3.0-or-later.

export type { EspeakConfig } from './config.js';
export { espeakConfig, FALLBACK_VOICE, PITCH, PROMPT_MAX_LENGTH, SPEED } from './config.js';
export type { EspeakEngine, EspeakRun, EspeakRunOptions, SynthesisOptions } from './engine/espeak-engine.js';
export { createEspeakEngine } from './engine/espeak-engine.js';
export type { EspeakVoice } from './engine/voices.js';
export { parseVoiceList } from './engine/voices.js';
export {
  createEspeakPlugin,
  ESPEAK_PLUGIN_ID,
  espeakPlugin,
  espeakPlugin as default,
} from './espeak-plugin.js';
export { buildModel, MODEL_ID } from './model.js';
export type { WavInfo } from './wav.js';
export { isSilent, readWav } from './wav.js';
