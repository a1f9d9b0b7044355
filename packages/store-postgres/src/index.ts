export type { PostgresCheck } from './check-postgres.js';
export { checkPostgres } from './check-postgres.js';
export { databaseAddress } from './database-address.js';
export type { PostgresStoreOptions } from './postgres-store.js';
export { createPostgresStore, DefaultPostgresStoreOptions } from './postgres-store.js';
