import { createKyselyStore, type Database, migrateToLatest, type Store } from '@genhub/core';
import { GenHubError } from '@genhub/provider';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { connectionReason, databaseAddress } from './database-address.js';
import { advisoryLock, retryingTransact } from './retrying-transact.js';

export const DefaultPostgresStoreOptions = {
  schema: 'public',
  poolSize: 10,
  connectTimeoutMs: 10_000,
} as const;

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:5432/database` (pg's connection string, `?sslmode=` and all). */
  url: string;
  /** The schema holding GenHub's tables, created if missing; `public` unless given. */
  schema?: string;
  /** Connections this process keeps open. */
  poolSize?: number;
  /** How long opening a connection may take. */
  connectTimeoutMs?: number;
  /** Stamps `updatedAt`, `finishedAt` and ledger entry times; defaults to the system clock. */
  clock?: { now(): number };
  /** Told when an idle connection fails (the server restarted, say); the pool opens a new one. */
  onIdleError?: (error: Error) => void;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A Kysely database on a pg pool whose connections work in `schema`. Nothing is sent yet. */
export function openPostgresDatabase(options: PostgresStoreOptions): Kysely<Database> {
  const schema = options.schema ?? DefaultPostgresStoreOptions.schema;
  if (!SCHEMA_NAME.test(schema)) {
    throw new GenHubError(
      'INVALID_INPUT',
      `The database schema must be a lower-case SQL name, not ${schema}.`,
      {
        details: { param: 'database.schema' },
      },
    );
  }
  databaseAddress(options.url);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? DefaultPostgresStoreOptions.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DefaultPostgresStoreOptions.connectTimeoutMs,
    // Every connection resolves table names in GenHub's schema first.
    options: `-c search_path=${schema}`,
  });
  // Without a listener an idle connection's error would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Creates the schema if missing and applies every migration; safe for several processes at once. */
export async function preparePostgresSchema(db: Kysely<Database>, schema: string): Promise<void> {
  // Looked up first: CREATE SCHEMA needs the CREATE right on the database even when the schema
  // exists, and a deployment's user often has rights on its own schema only.
  const found = await sql`select 1 from pg_namespace where nspname = ${schema}`.execute(db);
  if (found.rows.length === 0) {
    try {
      await db.schema.createSchema(schema).ifNotExists().execute();
    } catch (error) {
      // Two processes creating it at once: the loser sees a duplicate, which is fine.
      const code = (error as { code?: unknown }).code;
      if (code !== '23505' && code !== '42P06') throw error;
    }
  }
  await migrateToLatest(db, { migrationTableSchema: schema });
}

/**
 * Opens the store on PostgreSQL: the same schema, migrations and queries as the SQLite store, with
 * every write in a READ COMMITTED transaction (retried after a deadlock) and the daily-budget and
 * allowance sections under advisory locks, so the ledger's guarantees (reserve once, settle once,
 * never overdraw, the daily budget, the allowances) hold across any number of processes.
 * Money and instants are BIGINT; pg reads them back as strings and the store turns them into numbers
 * (always safe integers: nothing larger is ever written).
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const schema = options.schema ?? DefaultPostgresStoreOptions.schema;
  const db = openPostgresDatabase(options);
  try {
    await preparePostgresSchema(db, schema);
  } catch (error) {
    await db.destroy();
    throw unreachable(options.url, error);
  }
  return createKyselyStore(db, {
    transact: retryingTransact(db),
    lock: advisoryLock,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
}

/** A failure to open the database as one sentence that names it (never its password). */
export function unreachable(url: string, error: unknown): GenHubError {
  if (GenHubError.isInstance(error) && error.code !== 'INTERNAL') return error;
  const wrapped = GenHubError.isInstance(error) ? error : undefined;
  const migration = wrapped?.details.migration;
  if (typeof migration === 'string') {
    return new GenHubError(
      'INTERNAL',
      `Migration ${migration} failed on ${databaseAddress(url)} (${connectionReason(wrapped?.cause)}); fix the database or restore a backup, then start again.`,
      { cause: error },
    );
  }
  const root = GenHubError.isInstance(error) && error.cause !== undefined ? error.cause : error;
  return new GenHubError(
    'INTERNAL',
    `Could not open the PostgreSQL database ${databaseAddress(url)}: ${connectionReason(root)}; check GENHUB_DATABASE_URL and that the server is running.`,
    { retryable: true, cause: error },
  );
}
