import type { Workflow } from './load-workflows.js';
import type { ApiWorkflow, NodeInput } from './workflow-mapping.js';

/** The values a run sets, by mapped parameter name; absent ones keep the workflow's own value. */
export type FilledValues = Partial<Record<keyof Workflow['mapping']['inputs'], string | number | undefined>>;

/** A copy of the workflow with the mapped inputs set; the workflow itself is never changed. */
export function fillWorkflow(workflow: Workflow, values: FilledValues): ApiWorkflow {
  const graph: ApiWorkflow = structuredClone(workflow.graph);
  for (const [name, value] of Object.entries(values)) {
    const target = workflow.mapping.inputs[name as keyof FilledValues];
    if (target === undefined || value === undefined) continue;
    const node = graph[target.node];
    if (node !== undefined) node.inputs[target.input] = value;
  }
  return graph;
}

/** The workflow's own value of a mapped input, used as the parameter's default. */
export function workflowValue(workflow: Workflow, target: NodeInput | undefined): unknown {
  return target === undefined ? undefined : workflow.graph[target.node]?.inputs[target.input];
}
