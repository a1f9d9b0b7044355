export type { LoopbackApi } from './loopback-api.js';
export { startLoopbackApi } from './loopback-api.js';
export { loopbackPlugin } from './loopback-plugin.js';
