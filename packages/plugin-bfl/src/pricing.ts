import type { Price } from '@genhub/provider';

/**
 * BFL's published prices, in credits (1 credit = $0.01), from https://docs.bfl.ai/quick_start/pricing
 * and BFL's API guide (github.com/black-forest-labs/skills, skills/bfl-api), read 2026-12-03.
 * FLUX.2 is priced by megapixel: the first output megapixel at one rate, each further output
 * megapixel and each input megapixel at another. FLUX.1 models cost a flat amount per image.
 */
export interface MegapixelRate {
  firstMegapixelCredits: number;
  megapixelCredits: number;
}

/** What one credit is worth. */
const USD_PER_CREDIT = 0.01;

/** Input images are priced as one megapixel each: their real size is known only to BFL. */
const ASSUMED_INPUT_MEGAPIXELS = 1;

/** The estimate for a FLUX.2 request of this output size with this many input images. */
export function megapixelPrice(
  rate: MegapixelRate,
  output: { width: number; height: number },
  inputImages: number,
): Price {
  const outputMegapixels = (output.width * output.height) / 1_000_000;
  const credits =
    rate.firstMegapixelCredits +
    Math.max(0, outputMegapixels - 1) * rate.megapixelCredits +
    inputImages * ASSUMED_INPUT_MEGAPIXELS * rate.megapixelCredits;
  return creditsPrice(credits, true);
}

/** Credits as a price in dollars; the `cost` BFL reports is exact, an estimate is approximate. */
export function creditsPrice(credits: number, approximate: boolean): Price {
  const usd = Math.round(credits * USD_PER_CREDIT * 10_000) / 10_000;
  return approximate ? { usd, approximate: true } : { usd };
}
