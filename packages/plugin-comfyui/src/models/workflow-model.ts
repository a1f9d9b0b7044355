import { randomInt } from 'node:crypto';
import { defineModel, type SubmitResult, type TypedModel, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import { type FilledValues, fillWorkflow, workflowValue } from '../workflow/fill-workflow.js';
import type { Workflow } from '../workflow/load-workflows.js';

/** ComfyUI's own limits (EmptyLatentImage, KSampler): sizes 16 to 16384 in steps of 8, 1 to 10000 steps. */
export const COMFY_LIMITS = {
  minSize: 16,
  maxSize: 16_384,
  sizeStep: 8,
  maxSteps: 10_000,
  /** ComfyUI takes 64-bit seeds; JavaScript numbers are exact up to 2^53. */
  maxSeed: Number.MAX_SAFE_INTEGER,
  promptMaxLength: 10_000,
} as const;

/** A 1x1 PNG, the input of an image workflow's example request. */
const EXAMPLE_IMAGE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** Every parameter a workflow may offer, as its `submit` receives them. */
interface WorkflowParams {
  prompt: string;
  negativePrompt?: string;
  seed?: number;
  width?: number;
  height?: number;
  steps?: number;
  images?: Array<{ url: string }>;
}

/** What a model needs from the provider to run: queue a filled workflow, upload an input image. */
export interface WorkflowRunner {
  queue(graph: Record<string, unknown>, jobKey: string, signal: AbortSignal): Promise<string>;
  uploadImage(url: string, idempotencyKey: string, signal: AbortSignal): Promise<string>;
}

/** A number input's default: the workflow's own value when it is one, else `fallback`. */
function numberDefault(workflow: Workflow, name: 'width' | 'height' | 'steps', fallback: number): number {
  const value = workflowValue(workflow, workflow.mapping.inputs[name]);
  return typeof value === 'number' && Number.isInteger(value) ? value : fallback;
}

/** A GenHub model for one workflow: its parameters are the mapped inputs, their defaults the workflow's. */
export function workflowModel(workflow: Workflow, runner: WorkflowRunner): TypedModel {
  const { mapping } = workflow;
  const size = vocabulary.width
    .min(COMFY_LIMITS.minSize)
    .max(COMFY_LIMITS.maxSize)
    .multipleOf(COMFY_LIMITS.sizeStep);
  const params = z.object({
    prompt: vocabulary.prompt.max(COMFY_LIMITS.promptMaxLength),
    ...(mapping.inputs.negativePrompt
      ? { negativePrompt: vocabulary.negativePrompt.max(COMFY_LIMITS.promptMaxLength).optional() }
      : {}),
    ...(mapping.inputs.seed ? { seed: vocabulary.seed.max(COMFY_LIMITS.maxSeed).optional() } : {}),
    ...(mapping.inputs.width ? { width: size.default(numberDefault(workflow, 'width', 1024)) } : {}),
    ...(mapping.inputs.height ? { height: size.default(numberDefault(workflow, 'height', 1024)) } : {}),
    ...(mapping.inputs.steps
      ? {
          steps: z
            .number()
            .int()
            .min(1)
            .max(COMFY_LIMITS.maxSteps)
            .default(numberDefault(workflow, 'steps', 20))
            .describe('Sampling steps'),
        }
      : {}),
    ...(mapping.inputs.image ? { images: vocabulary.images.max(1) } : {}),
  });
  const hasSize = mapping.inputs.width !== undefined && mapping.inputs.height !== undefined;
  return defineModel({
    id: `comfyui/${workflow.slug}`,
    name: mapping.name,
    ...(mapping.description === undefined ? {} : { description: mapping.description }),
    tasks: mapping.tasks,
    output: mapping.output,
    params,
    ...(hasSize
      ? {
          sizes: {
            range: {
              minWidth: COMFY_LIMITS.minSize,
              maxWidth: COMFY_LIMITS.maxSize,
              minHeight: COMFY_LIMITS.minSize,
              maxHeight: COMFY_LIMITS.maxSize,
              step: COMFY_LIMITS.sizeStep,
            },
          },
        }
      : {}),
    limits: {
      promptMaxLength: COMFY_LIMITS.promptMaxLength,
      maxQuantity: 1,
      ...(mapping.inputs.image ? { maxInputImages: 1 } : {}),
    },
    ...(mapping.deadlineMinutes === undefined
      ? {}
      : { timeouts: { deadlineMs: mapping.deadlineMinutes * 60_000 } }),
    estimatePrice: () => ({ usd: mapping.priceUsd, approximate: true }),
    example: {
      prompt: 'a red fox in the snow, soft morning light',
      ...(mapping.inputs.image ? { images: [{ url: EXAMPLE_IMAGE, mediaType: 'image/png' }] } : {}),
    },
    async submit({ params: given, signal, idempotencyKey }): Promise<SubmitResult> {
      // Each workflow offers a subset of these, parsed by its own schema above.
      const p = given as WorkflowParams;
      // A fixed seed would give the same picture every time (and ComfyUI would answer from its cache).
      const seed = mapping.inputs.seed ? (p.seed ?? randomInt(0, 2 ** 47)) : undefined;
      const { prompt, negativePrompt, width, height, steps } = p;
      const values: FilledValues = { prompt, negativePrompt, seed, width, height, steps };
      const [image] = p.images ?? [];
      if (mapping.inputs.image && image) {
        values.image = await runner.uploadImage(image.url, idempotencyKey, signal);
      }
      const promptId = await runner.queue(fillWorkflow(workflow, values), idempotencyKey, signal);
      const data = { resultNode: mapping.result.node, ...(seed === undefined ? {} : { seed }) };
      return { status: 'pending', ref: { id: promptId, data } };
    },
  });
}
