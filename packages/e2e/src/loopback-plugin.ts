import { definePlugin, GenHubError, type ModelSpec, vocabulary } from '@genhub/core';
import { z } from 'zod';

type TaskResponse =
  | { id: string; status: 'queued' | 'running'; progress?: number }
  | { id: string; status: 'succeeded'; outputs: Array<{ url: string; media_type: string }>; cost_usd: number }
  | { id: string; status: 'failed'; error: { code: string; message: string } };

const image: ModelSpec = {
  id: 'loopback/image',
  name: 'Loopback Image',
  tasks: ['text-to-image'],
  output: 'image',
  params: z.object({ prompt: vocabulary.prompt.max(500), seed: vocabulary.seed.optional() }),
  limits: { promptMaxLength: 500 },
  estimatePrice: () => ({ usd: 0.05 }),
};

/**
 * A plugin for the loopback task API (`startLoopbackApi`), as a real async provider's would be.
 * With `idempotent: false` it sends no idempotency key and says so, like GateAI: a submit whose
 * answer is lost must never be sent again.
 */
export const loopbackPlugin = definePlugin({
  id: 'loopback',
  name: 'Loopback',
  contract: 1,
  config: z.object({
    apiKey: z.string().min(1),
    baseUrl: z.url(),
    idempotent: z.enum(['true', 'false']).default('true'),
  }),
  setup({ http }, { apiKey, baseUrl, idempotent }) {
    const api = http.withDefaults({ baseUrl, headers: { authorization: `Bearer ${apiKey}` } });
    const keyed = idempotent === 'true';
    return {
      capabilities: { idempotentSubmit: keyed },
      models: () => [image],
      async submit({ params }, { signal, idempotencyKey }) {
        const task = await api.json<TaskResponse>({
          method: 'POST',
          url: '/v1/tasks',
          headers: keyed ? { 'idempotency-key': idempotencyKey } : {},
          idempotent: keyed,
          json: params,
          signal,
        });
        return { status: 'pending', ref: { id: task.id } };
      },
      async poll({ id }, { signal }) {
        const task = await api.json<TaskResponse>({ url: `/v1/tasks/${encodeURIComponent(id)}`, signal });
        switch (task.status) {
          case 'queued':
          case 'running':
            return { status: 'pending', ...(task.progress === undefined ? {} : { percent: task.progress }) };
          case 'succeeded':
            return {
              status: 'succeeded',
              outputs: task.outputs.map((o) => ({
                kind: 'url' as const,
                url: o.url,
                mediaType: o.media_type,
              })),
              cost: { usd: task.cost_usd },
            };
          case 'failed':
            return { status: 'failed', error: new GenHubError('CONTENT_REJECTED', task.error.message) };
        }
      },
    };
  },
});
