import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from './database-schema.js';

/*
 * Kysely builds and compiles a query on every call, which on the job path costs more than SQLite takes
 * to run it. A shaped query is built and compiled once per dialect and shape (the query's form: which
 * columns, how many values in an IN list), with stand-ins where the values go; later calls put their
 * values in the stand-ins' places and send the same SQL.
 */

/** Where one value of a shaped query goes among the compiled parameters. */
class Slot {
  constructor(readonly index: number) {}
}

/** Compiled queries by dialect (one adapter per Kysely instance and its transactions), then shape. */
const compiledByDialect = new WeakMap<object, Map<string, CompiledQuery>>();

/**
 * Runs the query `build` makes with `values` and returns its rows. `build` is called only the first
 * time for a `shape`, with stand-ins for the values: it must use them only as values of the query
 * (never look into them), and everything else about the query must follow from `shape` alone.
 */
export async function runShaped<Row>(
  db: Kysely<Database>,
  shape: string,
  values: readonly unknown[],
  build: (values: readonly unknown[]) => Compilable<Row>,
): Promise<Row[]> {
  const executor = db.getExecutor();
  // A plugin may rewrite each query as it compiles; such a Kysely compiles every time.
  if (executor.plugins.length > 0) return (await db.executeQuery(build(values))).rows;

  let byShape = compiledByDialect.get(executor.adapter);
  if (byShape === undefined) {
    byShape = new Map();
    compiledByDialect.set(executor.adapter, byShape);
  }
  let compiled = byShape.get(shape);
  if (compiled === undefined) {
    compiled = build(values.map((_, index) => new Slot(index))).compile();
    byShape.set(shape, compiled);
  }
  const parameters = compiled.parameters.map((parameter) =>
    parameter instanceof Slot ? values[parameter.index] : parameter,
  );
  return (await db.executeQuery<Row>({ ...compiled, parameters })).rows;
}
