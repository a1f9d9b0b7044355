import { type JsonValue, lenient, type PollResult } from '@genhub/provider';
import { z } from 'zod';
import { lumaGenerationFailure } from './errors.js';

/**
 * Luma's generation object (lumaai-node `src/resources/generations/generations.ts`, `Generation`):
 * `queued`, then `dreaming`, then `completed` with `assets.video` or `assets.image`, or `failed` with
 * `failure_reason`. Luma reports no percent, queue position or ETA.
 */
export const generationSchema = z.object({
  id: z.string().min(1),
  state: z.enum(['queued', 'dreaming', 'completed', 'failed']),
  failure_reason: lenient(z.string()),
  assets: lenient(z.object({ video: lenient(z.string().min(1)), image: lenient(z.string().min(1)) })),
});
export type LumaGeneration = z.infer<typeof generationSchema>;

/** What a generation makes, kept in its task reference so a restarted GenHub reads it the same way. */
export const generationShape = z.object({
  output: z.enum(['video', 'image']),
  mediaType: z.string().min(1),
  /** The follow-up buttons offered under the result, made when the generation was created. */
  followUps: z.array(z.json()).optional(),
  /** When it was created, by GenHub's clock (epoch ms). */
  submittedAt: z.number().catch(0),
});
export type GenerationShape = z.infer<typeof generationShape>;

/**
 * Luma gives no poll hints. A video (a minute or more) is asked for every 5 s for its first 10 s and
 * every 10 s after: a 2-minute video takes 14 status calls and is seen within 10 s of being ready.
 * An image, done in seconds, is left to core's schedule (2 s, growing).
 */
export function pollAfterMs(shape: GenerationShape, ageMs: number): number | undefined {
  if (shape.output === 'image') return undefined;
  return ageMs < 10_000 ? 5_000 : 10_000;
}

/** A generation as GenHub's poll result; `ageMs` is how long ago it was created. */
export function pollResult(generation: LumaGeneration, shape: GenerationShape, ageMs: number): PollResult {
  switch (generation.state) {
    case 'queued':
    case 'dreaming': {
      const hint = pollAfterMs(shape, ageMs);
      return { status: 'pending', ...(hint === undefined ? {} : { pollAfterMs: hint }) };
    }
    case 'completed': {
      const url = shape.output === 'video' ? generation.assets?.video : generation.assets?.image;
      if (url === undefined)
        return failed(generation, `Luma finished the generation without its ${shape.output}`);
      const followUps = shape.followUps as JsonValue[] | undefined;
      return {
        status: 'succeeded',
        outputs: [
          {
            kind: 'url',
            url,
            mediaType: shape.mediaType,
            metadata: { generationId: generation.id, ...(followUps?.length ? { followUps } : {}) },
          },
        ],
      };
    }
    case 'failed':
      return failed(generation, 'Luma could not finish the generation');
  }
}

function failed(generation: LumaGeneration, summary: string): PollResult {
  const error = lumaGenerationFailure({
    summary,
    ...(generation.failure_reason ? { words: generation.failure_reason } : {}),
    details: { generationId: generation.id },
  });
  return { status: 'failed', error };
}
