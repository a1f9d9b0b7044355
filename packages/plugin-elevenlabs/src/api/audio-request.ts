import type { HttpClient, JsonObject, SubmitResult } from '@genhub/provider';
import { ElevenLabsDefaults } from '../config.js';
import { mediaTypeOfFormat } from '../models/output-formats.js';
import { requestErrors } from './errors.js';

export interface AudioRequest {
  /** Such as `/v1/text-to-speech/<voice id>`. */
  path: string;
  outputFormat: string;
  body: JsonObject;
  signal: AbortSignal;
  /** How long the API may think before the first byte. */
  headersTimeoutMs: number;
  metadata?: JsonObject;
}

/**
 * Sends one of ElevenLabs' generation calls, which answer with the audio itself, and returns it as
 * the job's output. The status is checked before the body is kept, so an error page is never stored
 * as audio. Not retried: a repeated call would be billed again.
 */
export async function requestAudio(api: HttpClient, request: AudioRequest): Promise<SubmitResult> {
  const response = await api.request({
    method: 'POST',
    url: request.path,
    query: { output_format: request.outputFormat },
    json: request.body,
    signal: request.signal,
    retry: false,
    timeouts: { headersMs: request.headersTimeoutMs },
    maxResponseBytes: ElevenLabsDefaults.maxAudioBytes,
  });
  if (response.status < 200 || response.status >= 300) {
    throw requestErrors(response.status, response.headers, await response.text(), {
      request: `POST ${request.path}`,
    });
  }
  return {
    status: 'succeeded',
    outputs: [
      {
        kind: 'bytes',
        data: await response.bytes(),
        mediaType: mediaTypeOfFormat(request.outputFormat),
        ...(request.metadata === undefined ? {} : { metadata: request.metadata }),
      },
    ],
  };
}
