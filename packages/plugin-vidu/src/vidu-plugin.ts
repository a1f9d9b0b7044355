import { definePlugin, defineProvider, type HttpRequest, requestJson } from '@genhub/provider';
import { z } from 'zod';
import { viduRequestErrors } from './vidu-errors.js';
import { viduModels } from './vidu-models.js';
import { viduSettings } from './vidu-settings.js';
import { pollResult, viduCreated, viduCreations } from './vidu-task.js';

/**
 * Vidu's platform API: text, image, start-end and reference to video at `POST /ent/v2/<route>`,
 * each task read at `GET /ent/v2/tasks/{id}/creations` and cancelled at
 * `POST /ent/v2/tasks/{id}/cancel`. Every request carries `Authorization: Token <key>`.
 */
export const viduPlugin = definePlugin({
  id: 'vidu',
  name: 'Vidu',
  description: 'Videos from Vidu: text, image, start-end and reference to video',
  contract: 1,
  config: viduSettings,
  setup({ http }, { apiKey, baseUrl }) {
    const api = http.withDefaults({
      baseUrl,
      provider: 'vidu',
      headers: { authorization: `Token ${apiKey}` },
      secrets: [apiKey],
    });
    const call = <Schema extends z.ZodType>(request: HttpRequest, schema: Schema) =>
      requestJson(api, request, schema, { provider: 'vidu', errors: viduRequestErrors });
    const taskPath = (id: string) => `/ent/v2/tasks/${encodeURIComponent(id)}`;

    const models = viduModels(async (endpoint, body, signal) => {
      const created = await call(
        { method: 'POST', url: `/ent/v2/${endpoint}`, json: body, signal },
        viduCreated,
      );
      return { id: created.task_id, credits: created.credits };
    });

    return defineProvider({
      models,
      poll: async (ref, { signal }) =>
        pollResult(ref.id, await call({ url: `${taskPath(ref.id)}/creations`, signal }, viduCreations)),
      async cancel(ref, { signal }) {
        await call(
          { method: 'POST', url: `${taskPath(ref.id)}/cancel`, json: { id: ref.id }, signal },
          z.unknown(),
        );
      },
    });
  },
});
