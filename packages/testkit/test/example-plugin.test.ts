import { definePlugin, GenHubError, type ModelSpec } from '@genhub/core';
import { type FakeResponse, solidPng, startFakeServer, withBearer } from '@genhub/testkit';
import { testProvider } from '@genhub/testkit/vitest';
import { z } from 'zod';

// A plugin for a made-up image API, using only @genhub/core's public exports, tested against a fake API.
type ImageTask = { id: string; status?: 'running' | 'done' | 'error'; url?: string; error?: string };
const imageModel: ModelSpec = {
  id: 'example/image',
  name: 'Example Image',
  tasks: ['text-to-image'],
  output: 'image',
  params: z.object({ prompt: z.string().trim().min(1).max(500) }),
  estimatePrice: () => ({ usd: 0.02 }),
  example: { prompt: 'a lighthouse at dusk' },
};
const examplePlugin = definePlugin({
  id: 'example',
  name: 'Example Images',
  contract: 1,
  config: z.object({ apiKey: z.string().min(1), baseUrl: z.url().default('https://api.example.com') }),
  setup({ http }, { apiKey, baseUrl }) {
    const api = http.withDefaults({ baseUrl, headers: { authorization: `Bearer ${apiKey}` } });
    return {
      models: () => [imageModel],
      async submit({ params }, { signal }) {
        const task = await api.json<ImageTask>({ method: 'POST', url: '/v1/images', json: params, signal });
        return { status: 'pending', ref: { id: task.id } };
      },
      async poll({ id }, { signal }) {
        const task = await api.json<ImageTask>({ url: `/v1/images/${id}`, signal });
        if (task.status === 'running') return { status: 'pending', pollAfterMs: 2000 };
        if (task.url) return { status: 'succeeded', outputs: [{ kind: 'url', url: task.url }] };
        return { status: 'failed', error: new GenHubError('CONTENT_REJECTED', task.error ?? 'Rejected') };
      },
    };
  },
});

const apiKey = 'example-secret-key-1234';
const server = await startFakeServer({ 'GET /files/:name': { body: solidPng(8, 8, [200, 90, 40]) } });
const request = { model: 'example/image', task: 'text-to-image', params: { prompt: 'a red fox' } } as const;
const done: FakeResponse = { json: { status: 'done', url: `${server.url}/files/img_1.png` } };
const rateLimited = () => server.route('POST /v1/images', { status: 429, headers: { 'retry-after': '7' } });
const script = (...polls: FakeResponse[]) => {
  server.route('POST /v1/images', withBearer(apiKey, { json: { id: 'img_1' } }));
  server.route('GET /v1/images/:id', withBearer(apiKey, polls));
};
testProvider({
  plugin: examplePlugin,
  supports: { cancel: false },
  fake: {
    start: async () => ({ config: { apiKey, baseUrl: server.url }, server, close: () => server.close() }),
    scenarios: {
      success: { request, arrange: () => script(done) },
      failure: { request, arrange: () => script({ json: { status: 'error', error: 'Prompt rejected' } }) },
      pendingThenSucceeded: { request, arrange: () => script({ json: { status: 'running' } }, done) },
      rateLimit: { request, arrange: rateLimited, expect: { retryAfterSeconds: 7 } },
    },
  },
});
