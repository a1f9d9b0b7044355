export { USD_PER_CREDIT, VIDU_MODELS } from './vidu-catalogue.js';
export { viduPlugin, viduPlugin as default } from './vidu-plugin.js';
export { viduSettings } from './vidu-settings.js';
