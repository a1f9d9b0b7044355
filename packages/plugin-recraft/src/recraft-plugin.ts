import { definePlugin, defineProvider } from '@genhub/provider';
import { recraftApi } from './api/recraft-api.js';
import { recraftSettings } from './config.js';
import { USD_PER_API_UNIT } from './models/catalogue.js';
import { generationModels } from './models/generation-models.js';
import { toolModels } from './models/tool-models.js';

/**
 * Recraft (recraft.ai): raster and vector (SVG) image generation with V4.1, V4 and V3, and the image
 * tools vectorize, remove background, crisp and creative upscale. Every call answers at once, so
 * there is nothing to poll or cancel.
 */
export const recraftPlugin = definePlugin({
  id: 'recraft',
  name: 'Recraft',
  description: 'Raster and vector (SVG) images, vectorize, background removal and upscaling from Recraft',
  contract: 1,
  config: recraftSettings,
  setup({ http }, { apiKey, baseUrl }) {
    const api = recraftApi(
      http.withDefaults({
        baseUrl,
        provider: 'recraft',
        headers: { authorization: `Bearer ${apiKey}` },
        secrets: [apiKey],
      }),
    );
    return defineProvider({
      models: [...generationModels(api), ...toolModels(api, http)],
      async balance({ signal }) {
        const credits = await api.unitsLeft(signal);
        return { credits, usd: credits * USD_PER_API_UNIT };
      },
    });
  },
});
