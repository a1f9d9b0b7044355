import type { ImaModel } from './ima-request.js';
import { audioModels } from './models/audio.js';
import { imageModels } from './models/images.js';
import { klingModels } from './models/kling.js';
import { midjourneyModels } from './models/midjourney.js';
import { seedanceModels } from './models/seedance.js';
import { videoModels } from './models/videos.js';

/** Every model the plugin offers, images first, then videos, audio and Midjourney. */
export function catalogue(): ImaModel[] {
  return [
    ...imageModels(),
    ...seedanceModels(),
    ...klingModels(),
    ...videoModels(),
    ...audioModels(),
    ...midjourneyModels(),
  ];
}
