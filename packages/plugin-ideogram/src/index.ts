export type { IdeogramSettings } from './ideogram-config.js';
export { IDEOGRAM_DEFAULT_BASE_URL } from './ideogram-config.js';
export { ideogramPlugin } from './ideogram-plugin.js';

import { ideogramPlugin } from './ideogram-plugin.js';
export default ideogramPlugin;
