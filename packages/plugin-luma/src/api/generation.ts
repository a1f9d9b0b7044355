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
});
export type GenerationShape = z.infer<typeof generationShape>;

/** A generation as GenHub's poll result. */
export function pollResult(generation: LumaGeneration, shape: GenerationShape): PollResult {
  switch (generation.state) {
    case 'queued':
    case 'dreaming':
      return { status: 'pending' };
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
