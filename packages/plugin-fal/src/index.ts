export type { FalSettings } from './config.js';
export { falSettings } from './config.js';
export { falPlugin, falPlugin as default } from './fal-plugin.js';
