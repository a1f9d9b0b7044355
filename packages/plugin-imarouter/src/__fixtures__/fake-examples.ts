import { type OpenApiDocument, operations } from './openapi.js';

/**
 * What the imarouter fake in @genhub/testkit replays, extracted from the OpenAPI document: every
 * response example of every media operation, and which operation each (path, model) pair follows.
 * The testkit has no YAML parser, so this JSON is generated here and checked in beside the fake
 * (`packages/plugin-imarouter/test/fake/imarouter-examples.gen.json`); a test keeps it in step.
 */
export interface FakeExamples {
  source: string;
  /** `METHOD /path#fragment` -> tags and response examples by status and name. */
  operations: Record<string, { tags: string[]; responses: Record<string, Record<string, unknown>> }>;
  /** `POST /real/path model` -> the operation key whose request schema takes that model. */
  createOperations: Record<string, string>;
}

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every value a request schema allows for `model`, following $ref, oneOf, anyOf and allOf. */
function modelValues(schema: unknown, doc: OpenApiDocument, seen = new Set<string>()): string[] {
  if (!isNode(schema)) return [];
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (seen.has(name)) return [];
    seen.add(name);
    return modelValues(doc.components.schemas[name], doc, seen);
  }
  const values: string[] = [];
  const model = isNode(schema.properties) ? schema.properties.model : undefined;
  if (isNode(model) && Array.isArray(model.enum)) {
    values.push(...model.enum.filter((value): value is string => typeof value === 'string'));
  }
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) for (const item of list) values.push(...modelValues(item, doc, seen));
  }
  return values;
}

export function fakeExamplesFrom(doc: OpenApiDocument): FakeExamples {
  const result: FakeExamples = {
    source: `imarouter OpenAPI ${String((doc as unknown as { info?: { version?: string } }).info?.version)}`,
    operations: {},
    createOperations: {},
  };
  for (const op of operations(doc)) {
    if (op.tags.includes('Chat')) continue;
    const responses: Record<string, Record<string, unknown>> = {};
    for (const response of op.responses) {
      const examples: Record<string, unknown> = {};
      for (const example of response.examples)
        if (example.value !== undefined) examples[example.name] = example.value;
      if (Object.keys(examples).length > 0) responses[response.status] = examples;
    }
    result.operations[op.key] = { tags: op.tags, responses };
    if (op.method !== 'POST' || !op.requestSchema) continue;
    for (const model of new Set(modelValues(op.requestSchema, doc))) {
      const key = `POST ${op.realPath} ${model}`;
      const existing = result.createOperations[key];
      if (existing !== undefined && existing !== op.key) {
        throw new Error(`${key} is taken by both ${existing} and ${op.key}.`);
      }
      result.createOperations[key] = op.key;
    }
  }
  return result;
}
