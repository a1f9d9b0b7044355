import { z } from 'zod';

/** A JSON Schema object as fal's OpenAPI documents write it (draft 2020-12 keywords). */
export type JsonSchema = { [keyword: string]: unknown };

/** What GenHub keeps of a fal app's published OpenAPI document: its input schema, every $ref inlined. */
export interface AppSchema {
  appId: string;
  /** fal's `x-fal-metadata.category`, such as `text-to-video`. */
  category?: string;
  input: JsonSchema & { properties: Record<string, JsonSchema>; required?: string[] | undefined };
}

const openApiDocument = z.looseObject({
  info: z
    .looseObject({ 'x-fal-metadata': z.looseObject({ category: z.string().optional() }).optional() })
    .optional(),
  paths: z.record(
    z.string(),
    z.looseObject({ post: z.looseObject({ requestBody: z.unknown() }).optional() }),
  ),
  components: z.looseObject({ schemas: z.record(z.string(), z.unknown()).default({}) }).optional(),
});

const requestBody = z.object({
  content: z.object({ 'application/json': z.object({ schema: z.record(z.string(), z.unknown()) }) }),
});

const inputSchema = z.looseObject({
  properties: z.record(z.string(), z.record(z.string(), z.unknown())),
  required: z.array(z.string()).optional(),
});

/**
 * The input schema of `appId` in fal's OpenAPI document for it (served at
 * `https://fal.ai/api/openapi/queue/openapi.json?endpoint_id=<app id>`): the JSON body of
 * `POST /<app id>`, with `#/components/schemas/...` references inlined. Throws on a document that
 * has no such route.
 */
export function appSchemaFromOpenApi(document: unknown, appId: string): AppSchema {
  const doc = openApiDocument.parse(document);
  const body = requestBody.parse(doc.paths[`/${appId}`]?.post?.requestBody);
  const components = doc.components?.schemas ?? {};
  const input = inputSchema.parse(inline(body.content['application/json'].schema, components, 0));
  const category = doc.info?.['x-fal-metadata']?.category;
  return { appId, ...(category === undefined ? {} : { category }), input };
}

/** Replaces every `$ref` to a component by the component itself (to a fixed depth, against cycles). */
function inline(value: unknown, components: Record<string, unknown>, depth: number): unknown {
  if (depth > 12) return {};
  if (Array.isArray(value)) return value.map((item) => inline(item, components, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const ref = object.$ref;
  if (typeof ref === 'string') {
    const name = ref.replace('#/components/schemas/', '');
    const { $ref: _, ...rest } = object;
    return { ...(inline(components[name], components, depth + 1) as object), ...rest };
  }
  return Object.fromEntries(
    Object.entries(object).map(([key, inner]) => [key, inline(inner, components, depth + 1)]),
  );
}
