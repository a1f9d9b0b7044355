import { z } from 'zod';

/** `POST /prompt` accepted the workflow and queued it. */
export const queuedPrompt = z.object({
  prompt_id: z.string().min(1),
  number: z.number().optional(),
});

/** A file a node saved, as `/history` and the `executed` message list it; `/view` serves it. */
export const savedFile = z.object({
  filename: z.string().min(1),
  subfolder: z.string().default(''),
  type: z.string().default('output'),
});
export type SavedFile = z.output<typeof savedFile>;

/** One node's outputs: SaveImage lists `images`, video nodes `images` (animated), `gifs` or `videos`. */
const nodeOutput = z
  .object({
    images: z.array(z.unknown()).optional(),
    gifs: z.array(z.unknown()).optional(),
    videos: z.array(z.unknown()).optional(),
  })
  .loose();

/** One entry of `GET /history/{prompt_id}`: the prompt's outputs and how it ended. */
export const historyEntry = z.object({
  /** The queue item the prompt was run as. */
  prompt: z.array(z.unknown()).optional(),
  outputs: z.record(z.string(), nodeOutput).default({}),
  status: z
    .object({
      status_str: z.string().optional(),
      completed: z.boolean().optional(),
      /** `[event, data]` pairs: execution_start, execution_cached, execution_error, execution_interrupted, execution_success. */
      messages: z.array(z.tuple([z.string(), z.record(z.string(), z.unknown())])).default([]),
    })
    .optional(),
});
export type HistoryEntry = z.output<typeof historyEntry>;

/** `GET /history/{prompt_id}`: `{}` until the prompt has finished. */
export const history = z.record(z.string(), historyEntry);

/** A queue item: `[number, prompt_id, prompt, extra_data, outputs_to_execute, ...]`. */
const anyQueueItem = z.array(z.unknown()).min(2);

/** A queue item read for its prompt id and `extra_data`. */
export const queueItem = z
  .tuple([z.unknown(), z.string(), z.unknown(), z.record(z.string(), z.unknown()).optional()])
  .rest(z.unknown());

/** `GET /queue`. */
export const queue = z.object({
  queue_running: z.array(anyQueueItem).default([]),
  queue_pending: z.array(anyQueueItem).default([]),
});
export type Queue = z.output<typeof queue>;

/** `POST /upload/image`. */
export const uploadedImage = z.object({
  name: z.string().min(1),
  subfolder: z.string().default(''),
  type: z.string().default('input'),
});

/** `GET /object_info`: every node class the server has, with its inputs. */
export const objectInfo = z.record(
  z.string(),
  z
    .object({
      input: z
        .object({
          required: z.record(z.string(), z.unknown()).optional(),
          optional: z.record(z.string(), z.unknown()).optional(),
        })
        .loose()
        .default({}),
    })
    .loose(),
);
export type ObjectInfo = z.output<typeof objectInfo>;

/** `GET /system_stats`. */
export const systemStats = z.object({
  system: z.object({ comfyui_version: z.string().optional() }).loose(),
  devices: z.array(z.object({ name: z.string() }).loose()).default([]),
});
