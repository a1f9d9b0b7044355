import {
  definePlugin,
  defineProvider,
  type HttpRequest,
  type JsonValue,
  requestJson,
} from '@genhub/provider';
import { z } from 'zod';
import { klingRequestErrors } from './kling-errors.js';
import { EXTEND_MODEL_ID, klingModels } from './kling-models.js';
import { klingSettings } from './kling-settings.js';
import { klingTaskAnswer, pollResult } from './kling-task.js';
import { KlingTokens } from './kling-token.js';

/** What a task reference keeps besides the id: where to query it, and whether its video extends. */
const refData = z.object({
  endpoint: z.enum(['text2video', 'image2video', 'video-extend']).catch('text2video'),
  extendable: z.boolean().catch(false),
});

/** The extension button on a result whose model can be extended. */
function extendFollowUp(videoId: string): Record<string, JsonValue> {
  return {
    followUps: [{ label: 'Extend', task: 'video-to-video', model: EXTEND_MODEL_ID, params: { videoId } }],
  };
}

/**
 * Kling AI's video API: text-to-video and image-to-video (first and last frame) at
 * `/v1/videos/text2video` and `/v1/videos/image2video`, extension at `/v1/videos/video-extend`, each
 * task queried at `/v1/videos/<endpoint>/{task_id}`. Every request carries a short-lived HS256 JWT
 * made from the access and secret keys, renewed before it expires. Kling has no cancel call.
 */
export const klingPlugin = definePlugin({
  id: 'kling',
  name: 'Kling AI',
  description: 'Videos from Kling AI: text and image to video, camera control, native audio, extension',
  contract: 1,
  config: klingSettings,
  setup({ http, clock }, { accessKey, secretKey, baseUrl }) {
    const api = http.withDefaults({ baseUrl, provider: 'kling', secrets: [accessKey, secretKey] });
    const tokens = new KlingTokens(accessKey, secretKey, clock);
    const call = async (request: HttpRequest) =>
      requestJson(
        api,
        { ...request, headers: { ...request.headers, authorization: `Bearer ${await tokens.token()}` } },
        klingTaskAnswer,
        { provider: 'kling', errors: klingRequestErrors },
      );

    const models = klingModels(async (endpoint, body, signal) => {
      const answer = await call({ method: 'POST', url: `/v1/videos/${endpoint}`, json: body, signal });
      return answer.data.task_id;
    });

    return defineProvider({
      models,
      async poll(ref, { signal }) {
        const { endpoint, extendable } = refData.parse(ref.data ?? {});
        const answer = await call({ url: `/v1/videos/${endpoint}/${encodeURIComponent(ref.id)}`, signal });
        return pollResult(answer.data, (videoId) => (extendable ? extendFollowUp(videoId) : {}));
      },
    });
  },
});
