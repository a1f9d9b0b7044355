// @genhub/plugin-elevenlabs: ElevenLabs text to speech, sound effects and music for GenHub.

export type { ElevenLabsConfig } from './config.js';
export { ElevenLabsDefaults, elevenLabsConfig } from './config.js';
export { elevenLabsPlugin } from './elevenlabs-plugin.js';
export { MUSIC_MODELS } from './models/music-models.js';
export { SPEECH_FORMATS } from './models/output-formats.js';
export { SPEECH_MODELS } from './models/speech-models.js';
