export type { LumaSettings } from './config.js';
export { lumaSettings } from './config.js';
export { lumaPlugin, lumaPlugin as default } from './luma-plugin.js';
