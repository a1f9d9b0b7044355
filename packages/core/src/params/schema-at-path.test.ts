import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonSchemaOf, schemaAtPath } from './schema-at-path.js';

const media = z.object({ url: z.string().min(1) });
const schema = z.object({
  seed: z.number().int().min(0).optional(),
  images: z.array(media).optional(),
  firstFrame: media.optional(),
  pair: z.tuple([z.string(), z.number().max(3)]).optional(),
  labels: z.record(z.string(), z.number().min(1)).optional(),
  either: z.union([z.object({ a: z.literal('x') }), z.object({ b: z.boolean() })]).optional(),
});

describe('schemaAtPath', () => {
  it('finds properties, array items, tuple items and record values', () => {
    expect(schemaAtPath(schema, ['seed'])).toMatchObject({ type: 'integer', minimum: 0 });
    expect(schemaAtPath(schema, ['images', 0, 'url'])).toMatchObject({ type: 'string', minLength: 1 });
    expect(schemaAtPath(schema, ['firstFrame', 'url'])).toMatchObject({ type: 'string', minLength: 1 });
    expect(schemaAtPath(schema, ['pair', 1])).toMatchObject({ type: 'number', maximum: 3 });
    expect(schemaAtPath(schema, ['labels', 'any'])).toMatchObject({ type: 'number', minimum: 1 });
  });

  it('looks into the branches of a union', () => {
    expect(schemaAtPath(schema, ['either', 'b'])).toMatchObject({ type: 'boolean' });
  });

  it('answers undefined for paths that lead nowhere', () => {
    expect(schemaAtPath(schema, ['nope'])).toBeUndefined();
    expect(schemaAtPath(schema, ['seed', 'deeper'])).toBeUndefined();
  });

  it('follows $refs to shared definitions', () => {
    const shared = z.object({ n: z.number().max(5) }).meta({ id: 'Shared' });
    const withRef = z.object({ a: shared, b: shared });
    expect(schemaAtPath(withRef, ['b', 'n'])).toMatchObject({ maximum: 5 });
  });

  it('caches the schema and gives undefined when zod cannot write one', () => {
    expect(jsonSchemaOf(schema)).toBe(jsonSchemaOf(schema));
    const broken = { '~standard': {} } as unknown as z.ZodType;
    expect(jsonSchemaOf(broken)).toBeUndefined();
  });
});
