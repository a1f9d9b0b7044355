import examplesJson from './imarouter-examples.gen.json' with { type: 'json' };

/**
 * The response examples of the imarouter OpenAPI document, generated from it by the plugin's tests
 * (`pnpm --filter @genhub/plugin-imarouter run generate`), which also check it stays in step.
 */
export interface ImarouterExamples {
  source: string;
  /** `METHOD /path#fragment` -> tags and response examples by status and example name. */
  operations: Record<string, { tags: string[]; responses: Record<string, Record<string, unknown>> }>;
  /** `POST /real/path model` -> the operation whose request schema takes that model. */
  createOperations: Record<string, string>;
}

export const imarouterExamples: ImarouterExamples = examplesJson as ImarouterExamples;

/** The kinds of task the API has, by the shape of their fetch answers. */
export type FakeTaskKind = 'image' | 'music' | 'speech' | 'video' | 'contents' | 'midjourney';

export type FakeTaskState = 'pending' | 'succeeded' | 'failed' | 'cancelled';

const PENDING = new Set(['', 'submitted', 'queued', 'processing', 'in_progress', 'running']);
const SUCCEEDED = new Set(['succeeded', 'completed']);
const FAILED = new Set(['failed']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where an example puts its task, from its status (at the top or under `data`). */
export function exampleState(example: unknown): FakeTaskState | undefined {
  if (!isRecord(example)) return undefined;
  const holder = isRecord(example.data) ? example.data : example;
  const status = holder.status;
  if (typeof status !== 'string') return undefined;
  if (PENDING.has(status)) return 'pending';
  if (SUCCEEDED.has(status)) return 'succeeded';
  if (FAILED.has(status)) return 'failed';
  return undefined;
}

/** The 200 examples of an operation, by name. */
export function okExamples(operation: string): Array<[string, unknown]> {
  return Object.entries(imarouterExamples.operations[operation]?.responses['200'] ?? {});
}

/** The kind of task a create operation makes. */
export function kindOf(operation: string): FakeTaskKind {
  const path = operation.split(' ')[1] ?? '';
  if (path.startsWith('/v1/images/')) return 'image';
  if (path.startsWith('/v1/music/')) return 'music';
  if (path.startsWith('/v1/audio/')) return 'speech';
  if (path.startsWith('/api/v1/contents/')) return 'contents';
  if (path.startsWith('/mj/')) return 'midjourney';
  return 'video';
}

/** Where each kind's examples come from when the family's own operation has none for a state. */
const GENERIC_FETCH: Readonly<Record<Exclude<FakeTaskKind, 'midjourney'>, string>> = {
  image: 'GET /v1/images/generations/{task_id}',
  music: 'GET /v1/music/generations/{task_id}',
  speech: 'GET /v1/audio/speech/{task_id}',
  video: 'GET /v1/videos/{task_id}',
  contents: 'GET /api/v1/contents/generations/tasks/{task_id}',
};

/** Create operations answered with another family's create example, for lack of their own. */
const GENERIC_CREATE: Readonly<Record<Exclude<FakeTaskKind, 'midjourney'>, string>> = {
  image: 'POST /v1/images/generations',
  music: 'POST /v1/music/generations',
  speech: 'POST /v1/audio/speech',
  video: 'POST /v1/video/generations',
  contents: 'POST /api/v1/contents/generations/tasks',
};

/** The fetch operation documenting the tasks a create operation makes (same path and fragment). */
export function fetchOperationOf(create: string): string | undefined {
  const [, path = ''] = create.split(' ');
  const [realPath = '', fragment] = path.split('#');
  const key = `GET ${realPath}/{task_id}${fragment === undefined ? '' : `#${fragment}`}`;
  return imarouterExamples.operations[key] === undefined ? undefined : key;
}

/**
 * The example that answers a task in `state`: the family's own (preferring one for the same model),
 * else the generic one of its kind. Undefined when the document has none for that state at all.
 */
export function pickFetchExample(
  create: string,
  kind: Exclude<FakeTaskKind, 'midjourney'>,
  state: FakeTaskState,
  model: string,
): { operation: string; name: string; value: unknown } | undefined {
  const onGenerations = /^POST \/(v1\/video\/generations|kling\/)/.test(create);
  const candidates = [
    fetchOperationOf(create),
    ...(onGenerations
      ? ['GET /v1/video/generations/{task_id}', 'GET /v1/video/generations/{task_id}#vidu']
      : []),
    GENERIC_FETCH[kind],
    kind === 'contents' ? GENERIC_FETCH.video : undefined,
  ];
  for (const operation of candidates) {
    if (operation === undefined) continue;
    const matching = okExamples(operation).filter(([, value]) => exampleState(value) === state);
    const best =
      matching.find(([, value]) => isRecord(value) && value.model === model) ??
      matching.find(([, value]) => isRecord(value) && isRecord(value.data)) ??
      matching[0];
    if (best) return { operation, name: best[0], value: best[1] };
  }
  return undefined;
}

/** The example that answers the create call, the family's own when the document has one. */
export function pickCreateExample(
  create: string,
  kind: Exclude<FakeTaskKind, 'midjourney'>,
  model: string,
): { operation: string; name: string; value: unknown } {
  for (const operation of [create, GENERIC_CREATE[kind]]) {
    const examples = okExamples(operation);
    const best = examples.find(([, value]) => isRecord(value) && value.model === model) ?? examples[0];
    if (best) return { operation, name: best[0], value: best[1] };
  }
  throw new Error(`The imarouter examples have no create answer for ${create}.`);
}

/** A 4xx example of an operation by name, for error answers. */
export function errorExample(operation: string, status: string, name: string): unknown {
  return imarouterExamples.operations[operation]?.responses[status]?.[name];
}
