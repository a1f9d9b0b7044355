import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ApiWorkflow,
  apiWorkflow,
  mappedInputs,
  type WorkflowMapping,
  workflowMapping,
} from './workflow-mapping.js';

/** A workflow and its mapping, read from a folder; `slug` is the file name, the model id's tail. */
export interface Workflow {
  slug: string;
  graph: ApiWorkflow;
  mapping: WorkflowMapping;
  /** Where it came from, for messages. */
  file: string;
}

/** The examples shipped in this package's `workflows` folder. */
export const BUNDLED_WORKFLOWS_DIR = fileURLToPath(new URL('../../workflows/', import.meta.url));

const MAPPING_SUFFIX = '.mapping.json';
const SLUG = /^[a-z0-9][a-z0-9._-]{0,79}$/;

/**
 * Reads every `<name>.json` that has a `<name>.mapping.json` beside it. A file that is not valid is
 * reported in `problems` (one sentence each) and left out, so one bad drop does not stop the rest.
 */
export async function loadWorkflows(dir: string): Promise<{ workflows: Workflow[]; problems: string[] }> {
  const names = await readdir(dir);
  const workflows: Workflow[] = [];
  const problems: string[] = [];
  for (const mappingName of names.filter((name) => name.endsWith(MAPPING_SUFFIX)).sort()) {
    const slug = basename(mappingName, MAPPING_SUFFIX).toLowerCase();
    const file = join(dir, `${basename(mappingName, MAPPING_SUFFIX)}.json`);
    if (!SLUG.test(slug)) {
      problems.push(
        `The workflow ${file} is skipped: name it with lower-case letters, digits, dots or dashes.`,
      );
      continue;
    }
    try {
      const graph = apiWorkflow.parse(JSON.parse(await readFile(file, 'utf8')));
      const mapping = workflowMapping.parse(JSON.parse(await readFile(join(dir, mappingName), 'utf8')));
      const missing = mappedNodes(mapping).find((node) => graph[node] === undefined);
      if (missing !== undefined) {
        problems.push(
          `The workflow ${file} is skipped: its mapping names node ${missing}, which the workflow lacks.`,
        );
        continue;
      }
      workflows.push({ slug, graph, mapping, file });
    } catch (error) {
      const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
      problems.push(`The workflow ${file} is skipped: it or its mapping could not be read (${why}).`);
    }
  }
  return { workflows, problems };
}

/** Every node id a mapping refers to. */
export function mappedNodes(mapping: WorkflowMapping): string[] {
  return [...mappedInputs(mapping).map((input) => input.node), mapping.result.node];
}
