export type { BflSettings } from './bfl-config.js';
export { BFL_DEFAULT_BASE_URL } from './bfl-config.js';
export { bflPlugin } from './bfl-plugin.js';
export { isTrustedPollingUrl } from './polling-url.js';

import { bflPlugin } from './bfl-plugin.js';
export default bflPlugin;
