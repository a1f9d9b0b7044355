import { definePlugin, defineProvider } from '@genhub/provider';
import { z } from 'zod';
import { fireflyApi } from './api/firefly-api.js';
import { jobStatus, pollResult } from './api/job-status.js';
import { imsTokens } from './auth/ims-token.js';
import { FIREFLY_ID, fireflyConfig } from './config.js';
import { IMAGE_MODELS, imageModel } from './models/image-models.js';
import { videoModel } from './models/video-model.js';

const jobPath = (action: 'status' | 'cancel', jobId: string) => `/v3/${action}/${encodeURIComponent(jobId)}`;

/** What a job reference says its outputs are. */
const refData = z.object({ output: z.enum(['image', 'video']) }).catch({ output: 'image' });

/**
 * Adobe Firefly Services: image generation (Image 3, 4, 4 Ultra) and video generation, as
 * asynchronous jobs polled at `/v3/status/{jobId}` and cancelled at `/v3/cancel/{jobId}`, with an
 * IMS client-credentials token cached and renewed before it expires.
 */
export const fireflyPlugin = definePlugin({
  id: FIREFLY_ID,
  name: 'Adobe Firefly',
  description: 'Adobe Firefly Services image and video generation.',
  contract: 1,
  config: fireflyConfig,
  setup({ http, clock }, config) {
    const tokens = imsTokens(
      http.withDefaults({ provider: FIREFLY_ID, secrets: [config.clientSecret] }),
      clock,
      config,
    );
    const api = fireflyApi(http, tokens, config);
    return defineProvider({
      models: [...IMAGE_MODELS.map((facts) => imageModel(api, http, facts)), videoModel(api, http)],
      async poll(ref, { signal }) {
        const job = await api.json({ url: jobPath('status', ref.id), signal }, jobStatus);
        const { output } = refData.parse(ref.data);
        return pollResult(job, ref.id, output === 'video' ? 'video/mp4' : undefined);
      },
      async cancel(ref, { signal }) {
        await api.json({ method: 'PUT', url: jobPath('cancel', ref.id), signal }, z.unknown());
      },
    });
  },
});
