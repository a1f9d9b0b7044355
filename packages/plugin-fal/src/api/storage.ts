import { extensionFor, type HttpClient, type MediaInput, requestJson } from '@genhub/provider';
import { z } from 'zod';
import { requestErrors } from './errors.js';

const initiated = z.object({ upload_url: z.url(), file_url: z.url() });

const DATA_URI = /^data:([^;,]+)?(;base64)?,(.*)$/s;

/**
 * fal's file storage, as fal-js uploads a file input: `POST /storage/upload/initiate` on fal's REST
 * origin with `{ content_type, file_name }` answers a signed `upload_url` and the `file_url` the file
 * will have; the bytes go to `upload_url` by PUT, without the key. Links pass through as they are;
 * only `data:` inputs are uploaded, so a request body never carries a whole image.
 */
export function falStorage(deps: { api: HttpClient; plain: HttpClient }) {
  return {
    async urlFor(input: MediaInput, signal: AbortSignal): Promise<string> {
      const match = DATA_URI.exec(input.url);
      if (match === null) return input.url;
      const mediaType = input.mediaType ?? match[1] ?? 'application/octet-stream';
      const data = match[2]
        ? Buffer.from(match[3] ?? '', 'base64')
        : Buffer.from(decodeURIComponent(match[3] ?? ''));
      const target = await requestJson(
        deps.api,
        {
          method: 'POST',
          url: '/storage/upload/initiate',
          query: { storage_type: 'fal-cdn-v3' },
          json: { content_type: mediaType, file_name: `input.${extensionFor(mediaType)}` },
          signal,
        },
        initiated,
        { provider: 'fal', errors: requestErrors },
      );
      const response = await deps.plain.request({
        method: 'PUT',
        url: target.upload_url,
        headers: { 'content-type': mediaType },
        body: new Uint8Array(data),
        signal,
      });
      if (response.status < 200 || response.status >= 300) {
        throw requestErrors(response.status, response.headers, await response.text());
      }
      return target.file_url;
    },
  };
}

export type FalStorage = ReturnType<typeof falStorage>;
