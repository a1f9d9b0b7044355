import { definePlugin, defineProvider } from '@genhub/provider';
import { createLumaApi } from './api/luma-api.js';
import { lumaSettings } from './config.js';
import { addAudio, upscaleVideo } from './models/edit-models.js';
import { photon1, photonFlash1 } from './models/photon-models.js';
import { ray2, rayFlash2 } from './models/ray-models.js';

/**
 * Luma's Dream Machine API (docs.lumalabs.ai, lumaai-node): Ray 2 and Ray Flash 2 video from text,
 * keyframe images or earlier generations (extend, interpolate, loop), upscaling and added audio for
 * finished videos, Photon images; every generation
 * is polled at `GET /generations/{id}` and dropped with `DELETE /generations/{id}`; the balance is
 * the account's credits.
 */
export const lumaPlugin = definePlugin({
  id: 'luma',
  name: 'Luma',
  description: 'Video and images from Luma Dream Machine: Ray 2, Ray Flash 2, Photon',
  contract: 1,
  config: lumaSettings,
  setup({ http, clock }, settings) {
    const api = createLumaApi(http, settings, clock);
    const deps = { api };
    return defineProvider({
      models: [
        ray2(deps),
        rayFlash2(deps),
        photon1(deps),
        photonFlash1(deps),
        upscaleVideo(deps),
        addAudio(deps),
      ],
      poll: (ref, { signal }) => api.poll(ref, signal),
      cancel: (ref, { signal }) => api.cancel(ref, signal),
      balance: ({ signal }) => api.balance(signal),
    });
  },
});
