// @genhub/plugin-google: Google's Veo video models through the Gemini API, for GenHub.

export type { GoogleConfig } from './config.js';
export { DefaultGoogleOptions, googleConfig } from './config.js';
export { googlePlugin } from './google-plugin.js';
export type { PersonGeneration, VeoModelFacts, VeoResolution } from './models/veo-catalogue.js';
export { VEO_MODELS } from './models/veo-catalogue.js';
