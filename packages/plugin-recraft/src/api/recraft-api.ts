import { type HttpClient, type JsonObject, requestJson } from '@genhub/provider';
import {
  type ImageSetAnswer,
  imageSetAnswer,
  type ProcessedImageAnswer,
  processedImageAnswer,
  userAnswer,
} from './answers.js';
import { recraftErrors } from './errors.js';

/** A file for a multipart upload. */
export interface UploadFile {
  bytes: Uint8Array;
  mediaType: string;
  name: string;
}

/** The two shapes of Recraft call GenHub makes, over a client that carries the key. */
export interface RecraftApi {
  /** `POST /images/generations` with a JSON body. */
  generate(body: JsonObject, signal: AbortSignal): Promise<ImageSetAnswer>;
  /** A tool such as `images/vectorize`: the image as the multipart field `file`. */
  process(path: string, file: UploadFile, signal: AbortSignal): Promise<ProcessedImageAnswer>;
  /** `GET /users/me`: the API units left. */
  unitsLeft(signal: AbortSignal): Promise<number>;
}

/** Generation and creative upscaling can take longer than the client's default wait for headers. */
const TIMEOUTS = { headersMs: 180_000 };

export function recraftApi(api: HttpClient): RecraftApi {
  const options = { provider: 'recraft', errors: recraftErrors };
  return {
    generate: (body, signal) =>
      requestJson(
        api,
        { method: 'POST', url: 'images/generations', json: body, signal, timeouts: TIMEOUTS },
        imageSetAnswer,
        options,
      ),
    process(path, file, signal) {
      const form = new FormData();
      form.append(
        'file',
        new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mediaType }),
        file.name,
      );
      form.append('response_format', 'url');
      return requestJson(
        api,
        { method: 'POST', url: path, body: form, signal, timeouts: TIMEOUTS },
        processedImageAnswer,
        options,
      );
    },
    async unitsLeft(signal) {
      return (await requestJson(api, { url: 'users/me', signal }, userAnswer, options)).credits;
    },
  };
}
