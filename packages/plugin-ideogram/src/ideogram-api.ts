import {
  GenHubError,
  type HttpClient,
  lenient,
  looseNumber,
  nonBlank,
  Redactor,
  requestJson,
  type SubmitResult,
  type Warning,
} from '@genhub/provider';
import { z } from 'zod';
import type { IdeogramSettings } from './ideogram-config.js';
import { ideogramRequestErrors } from './ideogram-errors.js';

/** Every image endpoint answers `{ created, data: [ImageObject] }`. */
const imagesSchema = z.object({
  created: lenient(z.string()),
  data: z.array(
    z.looseObject({
      url: lenient(nonBlank),
      is_image_safe: z.boolean(),
      prompt: lenient(z.string()),
      resolution: lenient(z.string()),
      seed: lenient(looseNumber),
      style_type: lenient(z.string()),
    }),
  ),
});
type Images = z.output<typeof imagesSchema>;

/** Ideogram's image endpoints, through the plugin's HTTP client with the key in `Api-Key`. */
export interface IdeogramApi {
  /** POSTs a multipart form and returns its images as finished outputs. */
  images(path: string, form: FormData, signal: AbortSignal): Promise<SubmitResult>;
}

export function createIdeogramApi(http: HttpClient, settings: IdeogramSettings): IdeogramApi {
  const api = http.withDefaults({
    baseUrl: settings.baseUrl,
    provider: 'ideogram',
    headers: { 'api-key': settings.apiKey, accept: 'application/json' },
    secrets: [settings.apiKey],
    // Generations take seconds to a minute; the answer comes when the images are ready.
    timeouts: { headersMs: 180_000 },
  });
  const redactor = new Redactor([settings.apiKey]);
  return {
    async images(path, form, signal) {
      const answer = await requestJson(api, { method: 'POST', url: path, body: form, signal }, imagesSchema, {
        provider: 'ideogram',
        errors: ideogramRequestErrors,
        redactor,
      });
      return finishedImages(answer);
    },
  };
}

/**
 * The answer's images as outputs. An image Ideogram flags (`is_image_safe: false`) comes without a
 * URL: it is left out with a warning, and a request whose every image was flagged is refused as
 * CONTENT_REJECTED (not charged).
 */
export function finishedImages(answer: Images): SubmitResult {
  const safe = answer.data.filter((image) => image.is_image_safe && image.url !== undefined);
  if (safe.length === 0) {
    throw new GenHubError(
      'CONTENT_REJECTED',
      'Ideogram flagged every image it made as unsafe, so none was returned.',
      { retryable: false, provider: 'ideogram', details: { providerMessage: 'is_image_safe: false' } },
    );
  }
  const flagged = answer.data.length - safe.length;
  const warnings: Warning[] =
    flagged === 0
      ? []
      : [
          {
            type: 'other',
            message: `Ideogram withheld ${flagged} of ${answer.data.length} images as unsafe.`,
          },
        ];
  return {
    status: 'succeeded',
    outputs: safe.map((image) => ({
      kind: 'url' as const,
      url: image.url as string,
      metadata: {
        ...(image.seed === undefined ? {} : { seed: image.seed }),
        ...(image.resolution === undefined ? {} : { resolution: image.resolution }),
        ...(image.prompt === undefined ? {} : { prompt: image.prompt }),
      },
    })),
    ...(warnings.length === 0 ? {} : { warnings }),
  };
}
