import { type HttpClient, type HttpResponse, type JsonObject, requestJson } from '@genhub/provider';
import type { UploadFile } from '../request/input-file.js';
import { type ImagesAnswer, imagesAnswer, type ModerationAnswer, moderationAnswer } from './answers.js';
import { openaiErrors } from './errors.js';

/** The calls GenHub makes to OpenAI, over a client that carries the key. */
export interface OpenAiApi {
  /** `POST /images/generations` with a JSON body. */
  generateImages(body: JsonObject, signal: AbortSignal): Promise<ImagesAnswer>;
  /** `POST /images/edits` as multipart: text fields, every image as `image[]`, the mask as `mask`. */
  editImages(
    fields: Readonly<Record<string, string | number | undefined>>,
    images: readonly UploadFile[],
    mask: UploadFile | undefined,
    signal: AbortSignal,
  ): Promise<ImagesAnswer>;
  /** `POST /moderations` with `omni-moderation-latest`: whether the text breaks OpenAI's usage policies. */
  moderate(text: string, signal: AbortSignal): Promise<ModerationAnswer>;
  /** `POST /audio/speech`: the audio bytes, after checking the status so an error is never kept as audio. */
  speech(body: JsonObject, signal: AbortSignal): Promise<Uint8Array>;
}

const options = { provider: 'openai', errors: openaiErrors };
/** OpenAI's current moderation model (free of charge; text and images). */
const MODERATION_MODEL = 'omni-moderation-latest';

/**
 * How long an answer may take to start: OpenAI's image guide warns a complex prompt can take up to
 * two minutes, longer than the client's default wait for response headers.
 */
const IMAGE_TIMEOUTS = { headersMs: 300_000 };
const SPEECH_TIMEOUTS = { headersMs: 120_000 };

const blobOf = (file: UploadFile) =>
  new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mediaType });

export function openaiApi(api: HttpClient): OpenAiApi {
  return {
    generateImages: (body, signal) =>
      requestJson(
        api,
        { method: 'POST', url: 'images/generations', json: body, signal, timeouts: IMAGE_TIMEOUTS },
        imagesAnswer,
        options,
      ),
    editImages(fields, images, mask, signal) {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields))
        if (value !== undefined) form.append(name, String(value));
      for (const image of images) form.append('image[]', blobOf(image), image.name);
      if (mask !== undefined) form.append('mask', blobOf(mask), mask.name);
      return requestJson(
        api,
        { method: 'POST', url: 'images/edits', body: form, signal, timeouts: IMAGE_TIMEOUTS },
        imagesAnswer,
        options,
      );
    },
    moderate: (text, signal) =>
      requestJson(
        api,
        { method: 'POST', url: 'moderations', json: { model: MODERATION_MODEL, input: text }, signal },
        moderationAnswer,
        options,
      ),
    async speech(body, signal) {
      const response: HttpResponse = await api.request({
        method: 'POST',
        url: 'audio/speech',
        json: body,
        headers: { accept: 'application/octet-stream' },
        signal,
        timeouts: SPEECH_TIMEOUTS,
      });
      if (response.status < 200 || response.status >= 300) {
        throw openaiErrors(response.status, response.headers, await response.text(), {
          request: 'POST /audio/speech',
        });
      }
      return response.bytes();
    },
  };
}
