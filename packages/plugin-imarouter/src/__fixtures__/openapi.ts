import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

/**
 * The imarouter OpenAPI 3.0 document the plugin was specified from, copied verbatim from the
 * public API documentation, and helpers to read and validate against it in tests.
 */
export const OPENAPI_FILE = new URL('./imarouter-openapi.yaml', import.meta.url);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonRecord = { [key: string]: Json };

export interface OpenApiDocument {
  openapi: string;
  servers: Array<{ url: string }>;
  tags: Array<{ name: string }>;
  paths: Record<string, Record<string, JsonRecord>>;
  components: { schemas: Record<string, JsonRecord> } & JsonRecord;
}

/** One example of a request or response body. `value` is undefined for malformed (string) examples. */
export interface Example {
  name: string;
  summary?: string;
  value: Json | undefined;
  /** The raw entry, when it was not a `{ value }` object (the document has a few bare strings). */
  malformed?: Json;
}

export interface Operation {
  /** `METHOD /path#fragment`, as the document spells the path. */
  key: string;
  method: string;
  /** The documented path, fragment included. */
  path: string;
  /** The path without its fragment: what is really requested. */
  realPath: string;
  tags: string[];
  summary: string;
  operationId?: string;
  requestSchema?: JsonRecord;
  requestExamples: Example[];
  responses: Array<{ status: string; schema?: JsonRecord; examples: Example[] }>;
}

let cached: OpenApiDocument | undefined;

/**
 * The parsed document. Parsing 540 KB of YAML takes seconds, so the result is kept as JSON in the
 * temporary folder, keyed by the YAML's hash (a changed document is parsed again).
 */
export function loadOpenApi(): OpenApiDocument {
  if (cached) return cached;
  const text = readFileSync(OPENAPI_FILE, 'utf8');
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const cacheFile = join(tmpdir(), `genhub-imarouter-openapi-${hash}.json`);
  try {
    cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as OpenApiDocument;
  } catch {
    cached = JSON.parse(JSON.stringify(parse(text))) as OpenApiDocument;
    const partial = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(cached));
    renameSync(partial, cacheFile);
  }
  return cached;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function examplesOf(content: JsonRecord | undefined): Example[] {
  const examples = content?.examples;
  if (
    examples === undefined ||
    examples === null ||
    typeof examples !== 'object' ||
    Array.isArray(examples)
  ) {
    return [];
  }
  return Object.entries(examples).map(([name, entry]) => {
    if (entry !== null && typeof entry === 'object' && !Array.isArray(entry) && 'value' in entry) {
      return {
        name,
        value: entry.value,
        ...(typeof entry.summary === 'string' ? { summary: entry.summary } : {}),
      };
    }
    return { name, value: undefined, malformed: entry };
  });
}

function jsonContent(holder: JsonRecord | undefined): JsonRecord | undefined {
  const content = holder?.content as JsonRecord | undefined;
  const first = content?.['application/json'] ?? (content ? Object.values(content)[0] : undefined);
  return first as JsonRecord | undefined;
}

/** Every operation of the document, in document order. */
export function operations(doc: OpenApiDocument = loadOpenApi()): Operation[] {
  const list: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const body = jsonContent(op.requestBody as JsonRecord | undefined);
      const responses = Object.entries((op.responses ?? {}) as Record<string, JsonRecord>).map(
        ([status, response]) => {
          const content = jsonContent(response);
          return {
            status,
            ...(content?.schema ? { schema: content.schema as JsonRecord } : {}),
            examples: examplesOf(content),
          };
        },
      );
      list.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        realPath: path.split('#')[0] ?? path,
        tags: (op.tags as string[] | undefined) ?? [],
        summary: typeof op.summary === 'string' ? op.summary : '',
        ...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}),
        ...(body?.schema ? { requestSchema: body.schema as JsonRecord } : {}),
        requestExamples: examplesOf(body),
        responses,
      });
    }
  }
  return list;
}

const DOC_ID = 'https://imarouter.test/openapi.json';

/**
 * OpenAPI 3.0 schema to JSON Schema for ajv: `nullable: true` becomes `anyOf [null, ...]`; local
 * `$ref`s point into the registered document. `example`, `discriminator` and `x-*` are left for ajv
 * (strict: false) to ignore.
 */
function convert(node: Json, rewriteRefs: boolean): Json {
  if (Array.isArray(node)) return node.map((item) => convert(item, rewriteRefs));
  if (node === null || typeof node !== 'object') return node;
  const out: JsonRecord = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string' && rewriteRefs && value.startsWith('#/')) {
      out[key] = `${DOC_ID}${value}`;
      continue;
    }
    // Property maps hold names, not keywords; convert each property's schema.
    out[key] =
      key === 'properties' && value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(
            Object.entries(value).map(([name, schema]) => [name, convert(schema, rewriteRefs)]),
          )
        : convert(value, rewriteRefs);
  }
  if (node.nullable === true) return { anyOf: [{ type: 'null' }, out] };
  return out;
}

export interface OpenApiValidator {
  /** Problems of a request body against the operation's request schema; empty when it conforms. */
  request(operationKey: string, body: unknown): string[];
  /** Problems of a response body against the operation's schema for that status. */
  response(operationKey: string, status: string, body: unknown): string[];
  /** Problems of a value against a named component schema. */
  component(name: string, value: unknown): string[];
}

type FormatsPlugin = (ajv: Ajv) => Ajv;

export function createValidator(doc: OpenApiDocument = loadOpenApi()): OpenApiValidator {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
    addFormatsModule) as unknown as FormatsPlugin;
  addFormats(ajv);
  for (const format of ['int64', 'int32', 'double', 'float', 'binary']) ajv.addFormat(format, true);
  ajv.addSchema({ $id: DOC_ID, components: convert(doc.components as Json, false) } as JsonRecord);
  const ops = new Map(operations(doc).map((op) => [op.key, op]));
  const compiled = new Map<string, ValidateFunction>();
  const compile = (cacheKey: string, schema: JsonRecord): ValidateFunction => {
    let validate = compiled.get(cacheKey);
    if (!validate) {
      validate = ajv.compile(convert(schema, true) as JsonRecord);
      compiled.set(cacheKey, validate);
    }
    return validate;
  };
  const run = (validate: ValidateFunction, value: unknown): string[] =>
    validate(value)
      ? []
      : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`.trim());
  const operation = (key: string): Operation => {
    const op = ops.get(key);
    if (!op) throw new Error(`The document has no operation ${key}.`);
    return op;
  };
  return {
    request(key, body) {
      const schema = operation(key).requestSchema;
      if (!schema) throw new Error(`${key} has no request schema.`);
      return run(compile(`request ${key}`, schema), body);
    },
    response(key, status, body) {
      const schema = operation(key).responses.find((response) => response.status === status)?.schema;
      if (!schema) throw new Error(`${key} has no ${status} response schema.`);
      return run(compile(`response ${status} ${key}`, schema), body);
    },
    component(name, value) {
      return run(compile(`component ${name}`, { $ref: `#/components/schemas/${name}` }), value);
    },
  };
}
