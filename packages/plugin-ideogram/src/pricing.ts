import type { Price } from '@genhub/provider';
import type { RenderingSpeed } from './models/ideogram-params.js';

/**
 * Ideogram's API prices for Ideogram 3.0, per output image, from https://ideogram.ai/features/api-pricing
 * (as listed by developer.puter.com's breakdown of June 2026 and Krea's resale list), read
 * 2026-12-03. Generate, Remix, Edit, Reframe and Replace Background share them; a character
 * reference costs more. Ideogram does not report a cost, so these are what is charged.
 */
const PER_IMAGE_USD: Readonly<Record<RenderingSpeed, number>> = {
  FLASH: 0.03,
  TURBO: 0.03,
  DEFAULT: 0.06,
  QUALITY: 0.09,
};
const WITH_CHARACTER_USD: Readonly<Record<RenderingSpeed, number>> = {
  FLASH: 0.1,
  TURBO: 0.1,
  DEFAULT: 0.15,
  QUALITY: 0.2,
};
/** Upscale: one price per output image. */
export const UPSCALE_USD = 0.06;

export function imagePrice(speed: RenderingSpeed, quantity: number, withCharacter: boolean): Price {
  const each = (withCharacter ? WITH_CHARACTER_USD : PER_IMAGE_USD)[speed];
  return { usd: Math.round(each * quantity * 1000) / 1000, approximate: true };
}
