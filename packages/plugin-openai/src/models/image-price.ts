import type { Price } from '@genhub/provider';
import type { ImageModelEntry } from './image-catalogue.js';
import type { ImageParams } from './image-params.js';

const SQUARE_PIXELS = 1024 * 1024;
const TALL_PIXELS = 1024 * 1536;

/**
 * The expected price of a request: OpenAI's per-image price for the quality and size, times the
 * number of images. `auto` quality is priced as medium and `auto` size as square, both marked
 * approximate; a custom gpt-image-2 size is priced by its pixels against the 1024x1536 price.
 */
export function imagePrice(
  entry: ImageModelEntry,
  params: Pick<ImageParams, 'quality' | 'size' | 'quantity'>,
): Price {
  const quality = params.quality === 'auto' ? 'medium' : params.quality;
  const { square, tall } = entry.prices[quality];
  const match = /^(\d+)x(\d+)$/.exec(params.size);
  const pixels = match ? Number(match[1]) * Number(match[2]) : SQUARE_PIXELS;
  const perImage =
    pixels === SQUARE_PIXELS
      ? square
      : pixels === TALL_PIXELS
        ? tall
        : Math.max(square, (tall * pixels) / TALL_PIXELS);
  const approximate =
    entry.pricesApproximate ||
    params.quality === 'auto' ||
    match === null ||
    (pixels !== SQUARE_PIXELS && pixels !== TALL_PIXELS);
  return {
    usd: Math.round(perImage * params.quantity * 1e6) / 1e6,
    ...(approximate ? { approximate: true } : {}),
  };
}
