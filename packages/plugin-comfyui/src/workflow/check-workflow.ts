import type { ObjectInfo } from '../api/comfy-schemas.js';
import type { Workflow } from './load-workflows.js';
import { mappedInputs } from './workflow-mapping.js';

/**
 * Why the server cannot run this workflow, in one sentence, or undefined when it can: a node class
 * it lacks (a custom node not installed), or a file input (checkpoint, VAE, LoRA) whose value is not
 * among the files `/object_info` lists. Inputs the mapping fills at run time are not checked.
 */
export function workflowProblem(workflow: Workflow, info: ObjectInfo): string | undefined {
  const filled = new Set(mappedInputs(workflow.mapping).map(({ node, input }) => `${node}.${input}`));
  for (const [nodeId, node] of Object.entries(workflow.graph)) {
    const nodeClass = info[node.class_type];
    if (nodeClass === undefined) {
      return `The workflow ${workflow.slug} needs the node ${node.class_type} (node ${nodeId}), which this ComfyUI server does not have: install the custom node that provides it, or remove the workflow.`;
    }
    const specs = { ...nodeClass.input.optional, ...nodeClass.input.required };
    for (const [input, value] of Object.entries(node.inputs)) {
      if (typeof value !== 'string' || filled.has(`${nodeId}.${input}`)) continue;
      const choices = comboChoices(specs[input]);
      if (choices !== undefined && !choices.includes(value)) {
        return `The workflow ${workflow.slug} needs ${value} for ${input} of node ${nodeId} (${node.class_type}), which this ComfyUI server does not have: put the file in ComfyUI's models folder, or change the workflow.`;
      }
    }
  }
  return undefined;
}

/**
 * The allowed values of a choice input: `[["a.safetensors", ...], {...}]`, or the newer
 * `["COMBO", { options: [...] }]`. Undefined for any other input.
 */
function comboChoices(spec: unknown): readonly unknown[] | undefined {
  if (!Array.isArray(spec)) return undefined;
  const [first, second] = spec as unknown[];
  if (Array.isArray(first)) return first;
  if (first === 'COMBO' && typeof second === 'object' && second !== null) {
    const options = (second as { options?: unknown }).options;
    return Array.isArray(options) ? options : undefined;
  }
  return undefined;
}
