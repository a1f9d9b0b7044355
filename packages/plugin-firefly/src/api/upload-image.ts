import { detectMediaType, essence, GenHubError, type HttpClient, type MediaInput } from '@genhub/provider';
import { z } from 'zod';
import { FireflyDefaults } from '../config.js';
import type { FireflyApi } from './firefly-api.js';

const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp']);

const uploaded = z.object({ images: z.array(z.object({ id: z.string().min(1) })).min(1) });

/**
 * Uploads a reference image (`POST /v2/storage/image`, the file as the body) and returns its upload
 * id. Firefly fetches `url` sources only from a few storage domains, so every reference goes up
 * this way. The file is read from its `data:` URI or fetched with the plain client, never the one
 * carrying Firefly's credentials.
 */
export async function uploadImage(
  api: FireflyApi,
  plain: HttpClient,
  input: MediaInput,
  param: string,
  signal: AbortSignal,
): Promise<string> {
  const bytes = await readInput(plain, input, param, signal);
  const mediaType =
    (await detectMediaType(bytes)) ?? (input.mediaType === undefined ? undefined : essence(input.mediaType));
  if (mediaType === undefined || !ACCEPTED.has(mediaType)) {
    throw new GenHubError('INVALID_INPUT', `Firefly takes a PNG, JPEG or WebP image as ${param}.`, {
      retryable: false,
      details: { param },
    });
  }
  const answer = await api.json(
    { method: 'POST', url: '/v2/storage/image', headers: { 'content-type': mediaType }, body: bytes, signal },
    uploaded,
  );
  return answer.images[0]!.id;
}

async function readInput(
  plain: HttpClient,
  input: MediaInput,
  param: string,
  signal: AbortSignal,
): Promise<Uint8Array> {
  if (/^data:/i.test(input.url)) {
    const response = await fetch(input.url);
    return new Uint8Array(await response.arrayBuffer());
  }
  const response = await plain.request({
    url: input.url,
    signal,
    maxRedirects: 3,
    maxResponseBytes: FireflyDefaults.maxReferenceBytes,
  });
  if (response.status < 200 || response.status >= 300) {
    await response.dump();
    throw new GenHubError(
      'INVALID_INPUT',
      `The ${param} image could not be fetched (HTTP ${response.status}).`,
      {
        retryable: false,
        details: { param },
      },
    );
  }
  return response.bytes();
}
