import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Store } from '@genhub/core';
import type { StoreHarness } from '@genhub/testkit/vitest';
import pg from 'pg';
import { createPostgresStore } from '../postgres-store.js';

const URL_VARIABLE = 'GENHUB_TEST_POSTGRES_URL';

/** The store on the test server, in `schema` (what the suite's child processes call). */
export function openStore(schema: string, clock?: { now(): number }): Promise<Store> {
  const url = process.env[URL_VARIABLE];
  if (!url) throw new Error(`${URL_VARIABLE} is not set.`);
  return createPostgresStore({ url, schema, ...(clock === undefined ? {} : { clock }) });
}

/**
 * The store conformance suite's harness for PostgreSQL: each database is a schema of its own on the
 * test server (so test files running at once never meet), dropped again in `cleanup`.
 */
export function postgresStoreHarness(url: string): StoreHarness {
  process.env[URL_VARIABLE] = url;
  const schemas: string[] = [];
  const stores: Store[] = [];

  // One small pool for the suite's own SQL; each statement picks its schema first.
  let pool: pg.Pool | undefined;
  async function query(schema: string | undefined, statement: string) {
    pool ??= new pg.Pool({ connectionString: url, max: 2 });
    const results = await pool.query(
      schema === undefined ? statement : `set search_path to ${schema}; ${statement}`,
    );
    const last = Array.isArray(results) ? results.at(-1) : results;
    return (last?.rows ?? []) as Record<string, unknown>[];
  }

  const harness: StoreHarness = {
    name: 'PostgreSQL',
    childModule: fileURLToPath(import.meta.url),
    async createDatabase() {
      const schema = `genhub_test_${randomBytes(6).toString('hex')}`;
      schemas.push(schema);
      return schema;
    },
    async open(options = {}) {
      const store = await openStore(options.database ?? (await harness.createDatabase()), options.clock);
      stores.push(store);
      return store;
    },
    sql: (schema, statement) => query(schema, statement),
    async cleanup() {
      await Promise.all(stores.splice(0).map((store) => store.close()));
      const dropped = schemas.splice(0);
      // One schema a statement: dropping them all at once takes more locks than one transaction may hold.
      for (const schema of dropped) await query(undefined, `drop schema if exists ${schema} cascade`);
      await pool?.end();
      pool = undefined;
    },
  };
  return harness;
}
