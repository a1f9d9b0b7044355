// @genhub/plugin-firefly: Adobe Firefly Services image and video generation for GenHub.

export type { FireflyConfig } from './config.js';
export { FireflyDefaults, fireflyConfig } from './config.js';
export { fireflyPlugin } from './firefly-plugin.js';
export { IMAGE_MODELS, IMAGE_SIZES } from './models/image-models.js';
export { VIDEO_SIZES } from './models/video-model.js';
