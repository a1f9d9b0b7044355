export type { AiNativeConfig } from './ainative-config.js';
export { AiNativeDefaults, ainativeConfig } from './ainative-config.js';
export { MODEL_IDS as AINATIVE_MODEL_IDS } from './ainative-models.js';
export { ainativePlugin } from './ainative-plugin.js';
export { creditsToUsd } from './credits.js';
