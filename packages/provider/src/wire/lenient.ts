import { z } from 'zod';

/**
 * Zod building blocks for a provider's loosely documented JSON: a field that is read when it fits
 * and dropped when it is missing or does not, instead of failing the whole answer.
 *
 *   z.object({ id: z.string(), cost: lenient(looseNumber), url: lenient(nonBlank) })
 */
export function lenient<Schema extends z.ZodType>(schema: Schema) {
  return schema.optional().catch(undefined);
}

/** A string with more than white space in it, kept as written. */
export const nonBlank = z.string().refine((text) => text.trim() !== '', 'Expected some text');

/** A finite number, also when written as a numeric string (`"400"`, `"$0.02"`). */
export const looseNumber = z.preprocess(
  (value) =>
    typeof value === 'string' && value.trim() !== '' ? Number(value.trim().replace(/^\$\s*/, '')) : value,
  z.number().refine(Number.isFinite, 'Expected a finite number'),
);
