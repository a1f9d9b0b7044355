import { OUTPUT_KINDS, TASKS } from '@genhub/provider';
import { z } from 'zod';

/** A node input of the workflow: node id and input name, such as `{ "node": "6", "input": "text" }`. */
const nodeInput = z.object({ node: z.string().min(1), input: z.string().min(1) });
export type NodeInput = z.output<typeof nodeInput>;

/**
 * The small file beside a workflow (`<name>.mapping.json`) that says which node input each GenHub
 * parameter fills and which node's output is the result. A parameter without an entry is not
 * offered; its value stays what the workflow says.
 */
export const workflowMapping = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  tasks: z.array(z.enum(TASKS)).min(1),
  output: z.enum(OUTPUT_KINDS),
  inputs: z.object({
    prompt: nodeInput,
    negativePrompt: nodeInput.optional(),
    seed: nodeInput.optional(),
    width: nodeInput.optional(),
    height: nodeInput.optional(),
    steps: nodeInput.optional(),
    /** A LoadImage node's `image` input: the input image is uploaded and its name set here. */
    image: nodeInput.optional(),
  }),
  /** The node whose saved files are the result (SaveImage, SaveWEBM, ...). */
  result: z.object({ node: z.string().min(1) }),
  /** What one run costs the operator in US dollars (GPU time); 0 on one's own machine. */
  priceUsd: z.number().nonnegative().default(0),
  /** Longest run before GenHub gives up, in minutes. */
  deadlineMinutes: z.number().positive().optional(),
});
export type WorkflowMapping = z.output<typeof workflowMapping>;

/** One API-format workflow node: `{ class_type, inputs }`; a link is `[nodeId, outputIndex]`. */
export const workflowNode = z
  .object({
    class_type: z.string().min(1),
    inputs: z.record(z.string(), z.unknown()).default({}),
  })
  .loose();

/** A workflow in ComfyUI's API format ("Save (API Format)"): node id to node. */
export const apiWorkflow = z.record(z.string(), workflowNode);
export type ApiWorkflow = z.output<typeof apiWorkflow>;

/** The node inputs a mapping fills. */
export function mappedInputs(mapping: WorkflowMapping): NodeInput[] {
  return Object.values(mapping.inputs).filter((input): input is NodeInput => input !== undefined);
}
