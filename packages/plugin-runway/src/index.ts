export type { RunwaySettings } from './config.js';
export { runwaySettings } from './config.js';
export { runwayPlugin, runwayPlugin as default } from './runway-plugin.js';
