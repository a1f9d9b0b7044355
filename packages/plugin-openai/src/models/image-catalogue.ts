/*
 * What OpenAI documents about its GPT Image models, stated once. Parameters from the official SDK
 * (github.com/openai/openai-node, src/resources/images.ts, read 2026-12-03) and the API reference
 * (platform.openai.com/docs/api-reference/images); prices per image from OpenAI's model pages
 * (developers.openai.com/api/docs/models/<model>, "Image generation, per image"), read 2026-12-03.
 */

export type ImageQuality = 'low' | 'medium' | 'high';

/** US dollars per image by quality, for a square (1024x1024) and a portrait or landscape (1024x1536) image. */
export type ImagePrices = Readonly<Record<ImageQuality, { square: number; tall: number }>>;

export interface ImageModelEntry {
  /** OpenAI's model id; GenHub's id is `openai/<this>`. */
  vendorId: string;
  name: string;
  prices: ImagePrices;
  /** True when the prices are not OpenAI's own table for this model (see `prices`). */
  pricesApproximate: boolean;
  /** Takes any `WIDTHxHEIGHT` within the limits below, not only the standard sizes. */
  customSizes: boolean;
  /** Takes `input_fidelity` on edits (gpt-image-1 and 1.5; not mini). */
  inputFidelity: boolean;
}

const GPT_IMAGE_1_5_PRICES: ImagePrices = {
  low: { square: 0.009, tall: 0.013 },
  medium: { square: 0.034, tall: 0.05 },
  high: { square: 0.133, tall: 0.2 },
};

export const IMAGE_MODELS: readonly ImageModelEntry[] = [
  {
    vendorId: 'gpt-image-2',
    name: 'GPT Image 2',
    // Billed by tokens; OpenAI gives it no per-image table, so 1.5's table stands in as the estimate.
    prices: GPT_IMAGE_1_5_PRICES,
    pricesApproximate: true,
    customSizes: true,
    inputFidelity: false,
  },
  {
    vendorId: 'gpt-image-1.5',
    name: 'GPT Image 1.5',
    prices: GPT_IMAGE_1_5_PRICES,
    pricesApproximate: false,
    customSizes: false,
    inputFidelity: true,
  },
  {
    vendorId: 'gpt-image-1',
    name: 'GPT Image 1',
    prices: {
      low: { square: 0.011, tall: 0.016 },
      medium: { square: 0.042, tall: 0.063 },
      high: { square: 0.167, tall: 0.25 },
    },
    pricesApproximate: false,
    customSizes: false,
    inputFidelity: true,
  },
  {
    vendorId: 'gpt-image-1-mini',
    name: 'GPT Image 1 mini',
    prices: {
      low: { square: 0.005, tall: 0.006 },
      medium: { square: 0.011, tall: 0.015 },
      high: { square: 0.036, tall: 0.052 },
    },
    pricesApproximate: false,
    customSizes: false,
    inputFidelity: false,
  },
];

/** The sizes every GPT Image model takes; `auto` lets the model choose. */
export const STANDARD_SIZES = ['auto', '1024x1024', '1536x1024', '1024x1536'] as const;

/**
 * gpt-image-2's own sizes: both edges multiples of 16, the aspect ratio between 1:3 and 3:1, at most
 * 3840x2160 (above 2560x1440 is experimental).
 */
export const CUSTOM_SIZE_LIMITS = {
  multiple: 16,
  maxRatio: 3,
  maxEdge: 3840,
  maxPixels: 3840 * 2160,
} as const;

export const PROMPT_MAX_LENGTH = 32_000;
export const MAX_IMAGES_PER_REQUEST = 10;
/** Input images an edit takes, each png, webp or jpg under 50 MB; the mask is a png under 4 MB. */
export const MAX_EDIT_IMAGES = 16;
export const EDIT_IMAGE_MAX_BYTES = 50 * 1024 * 1024;
export const MASK_MAX_BYTES = 4 * 1024 * 1024;
