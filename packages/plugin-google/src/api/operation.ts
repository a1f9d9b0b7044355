import { lenient, looseNumber } from '@genhub/provider';
import { z } from 'zod';

/** google.rpc.Status, as a failed operation carries it. */
const rpcStatus = z.object({
  code: lenient(z.number().int()),
  message: lenient(z.string()),
});

/** One generated video: a link to the Files API, or (rarely) the bytes inline. */
const generatedSample = z.object({
  video: z
    .object({
      uri: lenient(z.string().min(1)),
      encodedVideo: lenient(z.string().min(1)),
      encoding: lenient(z.string().min(1)),
    })
    .optional(),
});

/**
 * A Veo long-running operation as the Gemini API answers `:predictLongRunning` and
 * `GET /v1beta/{name}`: `done` is absent until it finishes, then either `error` or
 * `response.generateVideoResponse` is set.
 */
export const veoOperation = z.object({
  name: z.string().min(1),
  done: lenient(z.boolean()),
  error: rpcStatus.optional(),
  response: z
    .object({
      generateVideoResponse: z
        .object({
          generatedSamples: lenient(z.array(generatedSample)),
          raiMediaFilteredCount: lenient(looseNumber),
          raiMediaFilteredReasons: lenient(z.array(z.string())),
        })
        .optional(),
    })
    .optional(),
});

export type VeoOperation = z.infer<typeof veoOperation>;

/** Operation names as the API gives them: `models/<model>/operations/<id>`. */
export const OPERATION_NAME = /^models\/[\w.-]+\/operations\/[\w.-]+$/;
