import { definePlugin, defineProvider, GenHubError, type TaskRef } from '@genhub/provider';
import { z } from 'zod';
import { createBflApi } from './bfl-api.js';
import { bflSettings } from './bfl-config.js';
import { flux1Models } from './models/flux1-models.js';
import { flux2Models } from './models/flux2-models.js';
import { creditsPrice } from './pricing.js';
import { pollResultOf } from './task-result.js';

/** What `submitTask` keeps in a task reference. */
const taskDataSchema = z.object({
  pollingUrl: z.string().min(1).optional(),
  mediaType: z.string().min(1).optional(),
  costCredits: z.number().nonnegative().optional(),
});

function taskData(ref: TaskRef): z.output<typeof taskDataSchema> {
  const parsed = taskDataSchema.safeParse(ref.data ?? {});
  if (parsed.success) return parsed.data;
  throw new GenHubError('INTERNAL', `The stored reference of BFL task ${ref.id} is not readable.`, {
    retryable: false,
    provider: 'bfl',
  });
}

/**
 * Black Forest Labs' FLUX API (https://docs.bfl.ai): FLUX.2 [max], [pro], [flex] and [klein],
 * FLUX.1 Kontext and FLUX1.1 [pro]. Every generation is a task: submitted to `/v1/<model>`,
 * polled at the `polling_url` BFL answers with, its sample URL downloaded by core.
 */
export const bflPlugin = definePlugin({
  id: 'bfl',
  name: 'Black Forest Labs',
  description: 'FLUX.2, FLUX.1 Kontext and FLUX1.1 image generation and editing from Black Forest Labs',
  contract: 1,
  config: bflSettings,
  setup({ http }, settings) {
    const api = createBflApi(http, settings);
    return defineProvider({
      models: [...flux2Models(api), ...flux1Models(api)],
      async poll(ref, { signal }) {
        const data = taskData(ref);
        const answer = await api.result(ref.id, data.pollingUrl, signal);
        const cost = data.costCredits === undefined ? undefined : creditsPrice(data.costCredits, false);
        return pollResultOf(ref.id, answer, data.mediaType, cost);
      },
      async balance({ signal }) {
        const credits = await api.credits(signal);
        return { credits, usd: creditsPrice(credits, false).usd };
      },
      async health({ signal }) {
        const credits = await api.credits(signal);
        return { ok: true, message: `BFL answers; ${credits} credits left.` };
      },
    });
  },
});
