import type { z } from 'zod';
import type { JsonObject } from './json.js';
import type { OutputKind, Task } from './tasks.js';

/** A named width x height a model accepts, such as GateAI's "16:9" -> 1344x768. */
export interface SizePreset {
  label: string;
  width: number;
  height: number;
}

/** The continuous range of sizes a model accepts; both edges snap to `step`. */
export interface SizeRange {
  minWidth: number;
  maxWidth: number;
  minHeight: number;
  maxHeight: number;
  /** Both edges must be multiples of this (1 when any integer goes). */
  step: number;
}

/**
 * Valid output sizes. With a `range`, any size inside it is valid and `presets` only suggest sizes
 * for aspect ratios; with `presets` alone, only those sizes are valid.
 */
export interface SizeSpec {
  presets?: readonly SizePreset[];
  range?: SizeRange;
}

export interface ModelLimits {
  /** Longest prompt, in characters. */
  promptMaxLength?: number;
  /** Most outputs one request may ask for. */
  maxQuantity?: number;
  /** Most input images one request may carry. */
  maxInputImages?: number;
}

/** A price in US dollars. Estimates are marked approximate. */
export interface Price {
  usd: number;
  approximate?: boolean;
}

/** Time bounds for one generation at this model. */
export interface ModelTimeouts {
  /** Give up (and refund) after this long; the operator's `jobs.deadlineMinutes` caps it. */
  deadlineMs?: number;
}

/**
 * One model a provider offers. `params` is a zod object over the shared parameter vocabulary
 * (`prompt`, `width`, `seed`, ... see `GenerationParams`) plus any provider-specific extras, with
 * their defaults and constraints. Core validates input against it before the provider sees it.
 */
export interface ModelSpec {
  /** `provider/model`, lower case. */
  id: string;
  name: string;
  description?: string;
  /** Other names that resolve to this model. */
  aliases?: readonly string[];
  tasks: readonly Task[];
  output: OutputKind;
  params: z.ZodObject;
  sizes?: SizeSpec;
  limits?: ModelLimits;
  /** The expected price of one request with these (validated) parameters. */
  estimatePrice(params: Readonly<Record<string, unknown>>): Price;
  timeouts?: ModelTimeouts;
  /** Ids of models that can stand in for this one when its provider is unavailable. */
  fallbacks?: readonly string[];
  /** A request that works, for documentation and tests. Defaults are filled in around it. */
  example?: JsonObject;
  /**
   * The prompt carries the provider's own `--flags` (Midjourney's `--v 7 --sref <url>`): chat leaves
   * a flag it does not know in the prompt instead of refusing it.
   */
  promptFlags?: boolean;
}
