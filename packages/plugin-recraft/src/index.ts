// @genhub/plugin-recraft: Recraft's raster and vector (SVG) image models and image tools for GenHub.

export type { RecraftSettings } from './config.js';
export { recraftSettings } from './config.js';
export { recraftPlugin } from './recraft-plugin.js';
