// The anchor beside the pipeline: the Vercel AI SDK's `generateImage` with a custom image model
// that makes the same three requests (submit, poll, download) to the same loopback task API. It
// persists nothing, so it shows what a well-made library costs for the same work.
import type { ImageModelV3 } from '@ai-sdk/provider';
import { generateImage } from 'ai';

interface TaskReply {
  id: string;
  status: string;
  outputs?: Array<{ url: string; media_type: string }>;
}

async function expectJson(response: Response, what: string): Promise<TaskReply> {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status}`);
  return (await response.json()) as TaskReply;
}

/** An `ImageModelV3` on the loopback task API, written as a provider package would write it. */
export function loopbackImageModel(baseUrl: string, apiKey: string): ImageModelV3 {
  const headers = { authorization: `Bearer ${apiKey}`, accept: 'application/json' };
  let requests = 0;
  return {
    specificationVersion: 'v3',
    provider: 'loopback',
    modelId: 'image',
    maxImagesPerCall: 1,
    async doGenerate({ prompt, abortSignal }) {
      requests += 1;
      const created = await expectJson(
        await fetch(`${baseUrl}/v1/tasks`, {
          method: 'POST',
          headers: {
            ...headers,
            'content-type': 'application/json',
            'idempotency-key': `ai-sdk-${requests}-${Math.random().toString(36).slice(2)}`,
          },
          body: JSON.stringify({ prompt }),
          ...(abortSignal ? { signal: abortSignal } : {}),
        }),
        'submit',
      );
      const task = await expectJson(
        await fetch(`${baseUrl}/v1/tasks/${encodeURIComponent(created.id)}`, {
          headers,
          ...(abortSignal ? { signal: abortSignal } : {}),
        }),
        'poll',
      );
      const url = task.outputs?.[0]?.url;
      if (task.status !== 'succeeded' || url === undefined) throw new Error(`poll: status ${task.status}`);
      const file = await fetch(url, abortSignal ? { signal: abortSignal } : {});
      if (!file.ok) throw new Error(`file: HTTP ${file.status}`);
      const bytes = new Uint8Array(await file.arrayBuffer());
      return {
        images: [bytes],
        warnings: [],
        response: { timestamp: new Date(), modelId: 'image', headers: undefined },
      };
    },
  };
}

/** One job through the AI SDK; resolves with the image's size in bytes. */
export async function generateWithAiSdk(model: ImageModelV3, prompt: string): Promise<number> {
  const result = await generateImage({ model, prompt, maxRetries: 0 });
  const bytes = result.image.uint8Array.byteLength;
  if (bytes === 0) throw new Error('the AI SDK returned an empty image');
  return bytes;
}
