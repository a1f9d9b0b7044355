import { definePlugin, type ModelSpec, vocabulary } from '@genhub/core';
import { z } from 'zod';

/** What one video costs in the benchmarks. */
export const VIDEO_PRICE_USD = 0.1;

const video: ModelSpec = {
  id: 'benchvideo/video',
  name: 'Bench video',
  tasks: ['text-to-video'],
  output: 'video',
  params: z.object({ prompt: vocabulary.prompt.max(500) }),
  estimatePrice: () => ({ usd: VIDEO_PRICE_USD }),
};

type VideoTask = { id: string; status: 'running' } | { id: string; status: 'succeeded'; url: string };

/** A plugin for `startVideoApi`, as a real video provider's would be (no poll hints). */
export const benchVideoPlugin = definePlugin({
  id: 'benchvideo',
  name: 'Bench video',
  contract: 1,
  config: z.object({ baseUrl: z.url() }),
  setup({ http }, { baseUrl }) {
    const api = http.withDefaults({ baseUrl });
    return {
      capabilities: { idempotentSubmit: true },
      models: () => [video],
      async submit({ params }, { signal }) {
        const task = await api.json<{ id: string }>({
          method: 'POST',
          url: '/v1/videos',
          json: params,
          signal,
        });
        return { status: 'pending', ref: { id: task.id } };
      },
      async poll({ id }, { signal }) {
        const task = await api.json<VideoTask>({ url: `/v1/videos/${encodeURIComponent(id)}`, signal });
        if (task.status === 'running') return { status: 'pending' };
        return {
          status: 'succeeded',
          outputs: [{ kind: 'url', url: task.url, mediaType: 'video/mp4' }],
          cost: { usd: VIDEO_PRICE_USD },
        };
      },
    };
  },
});
