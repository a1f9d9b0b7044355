import { type JsonObject, type JsonValue, lenient, type Task } from '@genhub/provider';
import { z } from 'zod';

/** The GenHub model every Midjourney request, first or follow-up, goes to. */
export const MIDJOURNEY_MODEL = 'imarouter/midjourney';

/** One of Midjourney's buttons, as `GET /mj/task/{id}/fetch` returns it. */
export interface MidjourneyButton {
  customId: string;
  label?: string | undefined;
  emoji?: string | undefined;
  style?: number | undefined;
}

/** What a finished Midjourney task leaves in each output's `metadata.midjourney`. */
export interface MidjourneyResult {
  /** The Midjourney task id: the `taskId` of any follow-up. */
  taskId: string;
  /** `IMAGINE`, `UPSCALE`, `VARIATION`, ... */
  action?: string | undefined;
  /** 1-based position of this image in the task's image list. */
  index: number;
  buttons: MidjourneyButton[];
}

/** How a button's `customId` is submitted. */
export interface MidjourneyAction {
  /** `/mj/submit/change` or `/mj/submit/modal`. */
  endpoint: 'change' | 'modal';
  /** The document's `model` for it, such as `mj_upscale`. */
  model: string;
  /** The GenHub task a follow-up with this button is. */
  task: Task;
  /** The action needs a prompt (custom zoom; a remix usually brings one). */
  needsPrompt: boolean;
}

const ACTIONS: ReadonlyArray<[RegExp, MidjourneyAction]> = [
  [/^MJ::JOB::upsample/, { endpoint: 'change', model: 'mj_upscale', task: 'upscale', needsPrompt: false }],
  [
    /^MJ::JOB::variation::/,
    { endpoint: 'change', model: 'mj_variation', task: 'image-to-image', needsPrompt: false },
  ],
  [
    /^MJ::JOB::low_variation::/,
    { endpoint: 'change', model: 'mj_low_variation', task: 'image-to-image', needsPrompt: false },
  ],
  [
    /^MJ::JOB::high_variation::/,
    { endpoint: 'change', model: 'mj_high_variation', task: 'image-to-image', needsPrompt: false },
  ],
  [
    /^MJ::JOB::reroll::/,
    { endpoint: 'change', model: 'mj_reroll', task: 'image-to-image', needsPrompt: false },
  ],
  [/^MJ::Outpaint::/, { endpoint: 'change', model: 'mj_zoom', task: 'image-to-image', needsPrompt: false }],
  [
    /^MJ::CustomZoom::/,
    { endpoint: 'change', model: 'mj_custom_zoom', task: 'image-to-image', needsPrompt: true },
  ],
  [/^MJ::JOB::pan_/, { endpoint: 'change', model: 'mj_pan', task: 'image-to-image', needsPrompt: false }],
  [/^MJ::RemixModal::/, { endpoint: 'modal', model: 'mj_remix', task: 'image-to-image', needsPrompt: false }],
  [/^MJ::Inpaint::/, { endpoint: 'modal', model: 'mj_remix', task: 'image-to-image', needsPrompt: false }],
];

/** How a button is submitted, or undefined for buttons GenHub cannot press (a bookmark, say). */
export function midjourneyAction(customId: string): MidjourneyAction | undefined {
  return ACTIONS.find(([pattern]) => pattern.test(customId))?.[1];
}

/** The buttons of a finished task that GenHub can press. */
export function supportedButtons(buttons: readonly MidjourneyButton[]): MidjourneyButton[] {
  return buttons.filter((button) => midjourneyAction(button.customId) !== undefined);
}

/**
 * The GenHub request that presses a Midjourney button: an ordinary generation at
 * `imarouter/midjourney` whose params name the parent task and the button.
 *
 *   genhub.generation.request({ userId, ...midjourneyFollowUp({ taskId, customId }) })
 */
export function midjourneyFollowUp(input: { taskId: string; customId: string; prompt?: string }): {
  model: string;
  task: Task;
  params: JsonObject;
} {
  const action = midjourneyAction(input.customId);
  return {
    model: MIDJOURNEY_MODEL,
    task: action?.task ?? 'image-to-image',
    params: {
      action: input.customId,
      taskId: input.taskId,
      ...(input.prompt === undefined ? {} : { prompt: input.prompt }),
    },
  };
}

const storedButton = z.object({
  customId: z.string(),
  label: lenient(z.string()),
  emoji: lenient(z.string()),
  style: lenient(z.number()),
});

/** `metadata.midjourney` as `GET /mj/task/{id}/fetch` results store it. */
const storedResult = z.object({
  taskId: z.string(),
  index: z.number().catch(1),
  action: lenient(z.string()),
  buttons: z
    .array(lenient(storedButton))
    .transform((buttons) => buttons.filter((button) => button !== undefined)),
});

/** The Midjourney facts of an output's metadata (as stored with a job's artifacts), if it has them. */
export function midjourneyResultOf(
  metadata: Readonly<Record<string, JsonValue>> | undefined,
): MidjourneyResult | undefined {
  return lenient(storedResult).parse(metadata?.midjourney);
}
