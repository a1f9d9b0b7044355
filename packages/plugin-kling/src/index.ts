export { KLING_MODELS, USD_PER_UNIT } from './kling-catalogue.js';
export { klingPlugin, klingPlugin as default } from './kling-plugin.js';
export { klingSettings } from './kling-settings.js';
export { KlingTokens, TOKEN_LIFETIME_SECONDS, TOKEN_RENEW_MARGIN_SECONDS } from './kling-token.js';
