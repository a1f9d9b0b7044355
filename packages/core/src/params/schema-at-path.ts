import { z } from 'zod';

/** One node of a JSON Schema, as `z.toJSONSchema` writes it. */
export type JsonSchemaNode = Readonly<Record<string, unknown>>;

const cache = new WeakMap<object, JsonSchemaNode | null>();

/**
 * The JSON Schema (input side) of a zod schema, or `undefined` when zod cannot write one. This is
 * zod's public view of a schema's constraints (minimum, enum, minLength, ...), so nothing here
 * depends on zod's internals. Cached per schema.
 */
export function jsonSchemaOf(schema: z.ZodType): JsonSchemaNode | undefined {
  let node = cache.get(schema);
  if (node === undefined) {
    try {
      node = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
    } catch {
      node = null;
    }
    cache.set(schema, node);
  }
  return node ?? undefined;
}

/**
 * The JSON Schema of the value at `path` inside `schema` (object properties, array items, the
 * branches of a union, `$ref`s into `$defs`), or `undefined` when there is none.
 */
export function schemaAtPath(schema: z.ZodType, path: readonly PropertyKey[]): JsonSchemaNode | undefined {
  const root = jsonSchemaOf(schema);
  let node = root;
  for (const key of path) {
    if (!node || !root) return undefined;
    node = childOf(resolveRef(node, root), key, root);
  }
  return node && root ? resolveRef(node, root) : undefined;
}

function childOf(node: JsonSchemaNode, key: PropertyKey, root: JsonSchemaNode): JsonSchemaNode | undefined {
  const properties = asNode(node.properties);
  if (typeof key === 'string' && properties && asNode(properties[key])) return asNode(properties[key]);
  const index =
    typeof key === 'number' ? key : typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : -1;
  if (index >= 0) {
    const prefixItems = Array.isArray(node.prefixItems) ? node.prefixItems : [];
    const item = asNode(prefixItems[index]) ?? asNode(node.items);
    if (item) return item;
  }
  if (typeof key === 'string' && asNode(node.additionalProperties)) return asNode(node.additionalProperties);
  for (const combinator of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = node[combinator];
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) {
      const branchNode = asNode(branch);
      const child = branchNode && childOf(resolveRef(branchNode, root), key, root);
      if (child) return child;
    }
  }
  return undefined;
}

function resolveRef(node: JsonSchemaNode, root: JsonSchemaNode): JsonSchemaNode {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#')) return node;
  let target: JsonSchemaNode | undefined = root;
  for (const part of ref.slice(1).split('/').filter(Boolean)) {
    target = target && asNode(target[decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')]);
  }
  return target ?? node;
}

function asNode(value: unknown): JsonSchemaNode | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonSchemaNode)
    : undefined;
}
