import type { Price, SizePreset, Task } from '@genhub/provider';
import { z } from 'zod';
import { invalid } from '../ima-request.js';

/** How long a generation may take at imarouter before GenHub gives up and refunds it. */
export const Deadlines = {
  image: 10 * 60_000,
  video: 30 * 60_000,
  music: 15 * 60_000,
  speech: 5 * 60_000,
  midjourney: 15 * 60_000,
} as const;

/** A price that does not depend on the parameters. */
export function flatPrice(usd: number): () => Price {
  return () => ({ usd, approximate: true });
}

/** A price per second of output, for `duration` seconds (or `fallback` when the request has none). */
export function perSecond(usdPerSecond: number, fallback: number) {
  return ({ duration }: { duration?: number | undefined; [other: string]: unknown }): Price => ({
    usd: round(usdPerSecond * (duration ?? fallback)),
    approximate: true,
  });
}

export function round(usd: number): number {
  return Math.round(usd * 1_000_000) / 1_000_000;
}

/** Presets from `WxH` (or `W*H`) strings. */
export function presets(sizes: readonly string[]): SizePreset[] {
  return sizes.map((size) => {
    const [width, height] = size.split(/[x*]/).map(Number) as [number, number];
    return { label: size, width, height };
  });
}

/** The size string the API takes for the width and height GenHub snapped to, joined by `x` or `*`. */
export function sizeString(
  params: { width?: number | undefined; height?: number | undefined },
  separator: 'x' | '*',
): string | undefined {
  if (params.width === undefined && params.height === undefined) return undefined;
  if (params.width === undefined || params.height === undefined) {
    throw invalid('width', 'Give both width and height, or neither.');
  }
  return `${params.width}${separator}${params.height}`;
}

/** An `asset://...` reference (or the bare asset id) from the portrait asset library. */
export const assetRef = z
  .string()
  .regex(/^(asset:\/\/)?asset-[A-Za-z0-9_-]+$/, 'Use an asset id such as asset-20260319150455-wmb65')
  .describe('An asset from the portrait library: asset://asset-... or asset-...');

/** Throws INVALID_INPUT when an image-to-X task comes without any image. */
export function requireImageFor(task: Task, hasImage: boolean, modelName: string): void {
  if ((task === 'image-to-image' || task === 'image-to-video') && !hasImage) {
    throw invalid('images', `${task} at ${modelName} needs an input image.`);
  }
}

/**
 * For a schema's `superRefine`: a request with none of the `media` inputs is text-to-X and needs a
 * prompt. In the schema, so a prompt-less request is refused before a job is made.
 */
export function promptUnlessMedia<T extends { prompt?: string | undefined }>(
  media: readonly (keyof T)[],
  modelName: string,
): (value: T, ctx: z.RefinementCtx) => void {
  return (value, ctx) => {
    if (media.some((key) => value[key] !== undefined)) return;
    if (value.prompt === undefined || value.prompt.trim() === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['prompt'],
        message: `${modelName} needs a prompt without input media.`,
      });
    }
  };
}

/** The issue of a last frame given without a first one, for a schema's `superRefine`. */
export function lastFrameNeedsFirst(
  value: { firstFrame?: unknown; lastFrame?: unknown },
  ctx: z.RefinementCtx,
): void {
  if (value.lastFrame !== undefined && value.firstFrame === undefined) {
    ctx.addIssue({ code: 'custom', path: ['lastFrame'], message: 'A last frame needs a first frame.' });
  }
}
