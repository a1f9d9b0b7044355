import { GenHubError, type JsonValue, type Output, type Price, type SubmitResult } from '@genhub/provider';
import type { RecraftImage } from '../api/answers.js';
import { USD_PER_API_UNIT } from '../models/catalogue.js';
import { rasterFollowUps } from './follow-ups.js';

const SVG = 'image/svg+xml';

/**
 * Recraft's images as GenHub outputs: each URL for core to download at once (they expire after about
 * a day), SVG declared for vector models. Raster results offer Vectorize and Remove background.
 */
export function finished(
  images: readonly RecraftImage[],
  output: 'image' | 'vector',
  credits: number | undefined,
): SubmitResult {
  const outputs = images.flatMap((image): Output[] => {
    const metadata: Record<string, JsonValue> = {};
    if (image.revised_prompt !== undefined) metadata.revisedPrompt = image.revised_prompt;
    if (output === 'image' && image.url !== undefined) metadata.followUps = rasterFollowUps(image.url);
    const extra = Object.keys(metadata).length === 0 ? {} : { metadata };
    if (image.url !== undefined) {
      return [{ kind: 'url', url: image.url, ...(output === 'vector' ? { mediaType: SVG } : {}), ...extra }];
    }
    if (image.b64_json !== undefined) {
      const data = Buffer.from(image.b64_json, 'base64');
      return [{ kind: 'bytes', data, mediaType: output === 'vector' ? SVG : 'image/png', ...extra }];
    }
    return [];
  });
  if (outputs.length === 0) {
    throw new GenHubError('PROVIDER_UNAVAILABLE', 'Recraft answered without an image; try again.', {
      provider: 'recraft',
      retryable: true,
      beforeAcceptance: false,
    });
  }
  const cost = costOf(credits);
  return { status: 'succeeded', outputs, ...(cost === undefined ? {} : { cost }) };
}

/** What Recraft charged, from the API units its answer reports. */
function costOf(credits: number | undefined): Price | undefined {
  if (credits === undefined || credits < 0) return undefined;
  return { usd: Math.round(credits * USD_PER_API_UNIT * 1e6) / 1e6 };
}
