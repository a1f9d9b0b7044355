import { definePlugin, defineProvider } from '@genhub/provider';
import { createIdeogramApi } from './ideogram-api.js';
import { ideogramSettings } from './ideogram-config.js';
import { createImageFiles } from './image-files.js';
import { editModel } from './models/edit-model.js';
import { reframeModel } from './models/reframe-model.js';
import { replaceBackgroundModel } from './models/replace-background-model.js';
import { upscaleModel } from './models/upscale-model.js';
import { v3Model } from './models/v3-model.js';

/**
 * Ideogram's API (https://developer.ideogram.ai), Ideogram 3.0: generate and remix, edit with a
 * mask, reframe, replace background, and upscale. Every endpoint is synchronous and multipart: the
 * answer carries the image URLs, which core downloads at once (they expire).
 */
export const ideogramPlugin = definePlugin({
  id: 'ideogram',
  name: 'Ideogram',
  description: 'Ideogram 3.0 image generation, editing, reframing, background replacement and upscaling',
  contract: 1,
  config: ideogramSettings,
  setup({ http }, settings) {
    const api = createIdeogramApi(http, settings);
    // Input images are fetched without the key: the plain client, not the API's.
    const files = createImageFiles(http);
    return defineProvider({
      models: [
        v3Model(api, files),
        editModel(api, files),
        reframeModel(api, files),
        replaceBackgroundModel(api, files),
        upscaleModel(api, files),
      ],
    });
  },
});
