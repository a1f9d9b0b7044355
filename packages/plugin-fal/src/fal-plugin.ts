import { definePlugin, defineProvider } from '@genhub/provider';
import { type FalRef, falQueue } from './api/queue.js';
import { falStorage } from './api/storage.js';
import { falSettings } from './config.js';
import { loadModels } from './models/catalogue.js';
import { falWebhook } from './webhook/verify-webhook.js';

/**
 * fal's queue API (queue.fal.run): Pika 2.2 and Mochi bundled, any other fal app listed by id.
 * Every request is queued, polled with its logs, read when COMPLETED and cancellable; input files
 * sent as data: URIs are uploaded to fal's storage first; results are fal CDN links core downloads. With a webhook URL, fal calls GenHub back when a request ends.
 */
export const falPlugin = definePlugin({
  id: 'fal',
  name: 'fal',
  description: "Video and images from fal's queue API: Pika 2.2, Mochi and any listed fal app",
  contract: 1,
  config: falSettings,
  async setup({ http, logger, clock, signal }, settings) {
    const api = http.withDefaults({
      baseUrl: settings.baseUrl,
      provider: 'fal',
      headers: { authorization: `Key ${settings.apiKey}` },
      secrets: [settings.apiKey],
    });
    const queue = falQueue(api);
    const storage = falStorage({
      api: http.withDefaults({
        baseUrl: settings.storageUrl,
        provider: 'fal',
        headers: { authorization: `Key ${settings.apiKey}` },
        secrets: [settings.apiKey],
      }),
      // The signed upload link needs no key, and must not get it.
      plain: http,
    });
    const models = await loadModels(settings, { http, queue, storage, logger, signal });
    return defineProvider({
      models,
      poll: (ref, options) => queue.poll(ref as FalRef, options.signal),
      cancel: (ref, options) => queue.cancel(ref as FalRef, options.signal),
      webhook: falWebhook({ http, jwksUrl: settings.jwksUrl, clock, logger }),
    });
  },
});
