import { lenient, nonBlank } from '@genhub/provider';
import { z } from 'zod';

/**
 * `POST /images/generations` and `/images/edits` (openai-node `ImagesResponse`): GPT Image models
 * always answer base64 images in `data[].b64_json`, with the format they were written in.
 */
export const imagesAnswer = z.object({
  data: z.array(z.object({ b64_json: lenient(nonBlank), revised_prompt: lenient(nonBlank) })),
  output_format: lenient(z.enum(['png', 'jpeg', 'webp'])),
});
export type ImagesAnswer = z.infer<typeof imagesAnswer>;

/**
 * `POST /moderations` (openai-node `ModerationCreateResponse`): one result per input, `flagged` and
 * a boolean per category (`sexual`, `sexual/minors`, `violence`, ...).
 */
export const moderationAnswer = z.object({
  results: z
    .array(
      z.object({
        flagged: z.boolean(),
        categories: z.record(z.string(), z.boolean().nullable()).default({}),
      }),
    )
    .min(1),
});
export type ModerationAnswer = z.infer<typeof moderationAnswer>;
