import type { JsonValue } from '@genhub/provider';
import { GenHubError } from '@genhub/provider';
import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';
import type { RecordStore } from './record-store.js';
import { runShaped } from './shaped-query.js';
import type { StoreContext } from './store-context.js';

const MAX_RECORD_CHARS = 64 * 1024;

/** The RecordStore half of the Kysely store; expired records read as absent and are removed on write. */
export function createKyselyRecordStore(ctx: StoreContext): RecordStore {
  const { db, transact, clock } = ctx;

  /** The record's value, or undefined for none (or one expired). */
  const liveValue = (
    row: { value_json: string; expires_at: number | string | bigint | null } | undefined,
  ) => {
    if (!row) return undefined;
    if (row.expires_at !== null && Number(row.expires_at) <= clock.now()) return undefined;
    return JSON.parse(row.value_json) as JsonValue;
  };

  /** Expired records go on every write (an index on `expires_at` keeps this cheap). */
  const removeExpired = (trx: Kysely<Database>, now: number) =>
    trx.deleteFrom('records').where('expires_at', 'is not', null).where('expires_at', '<=', now).execute();

  return {
    async get(namespace, key) {
      // Compiled once: chat reads a user's settings before it may acknowledge a command.
      const [row] = await runShaped(db, 'get record', [namespace, key], ([namespace, key]) =>
        db
          .selectFrom('records')
          .select(['value_json', 'expires_at'])
          .where('namespace', '=', namespace as string)
          .where('key', '=', key as string),
      );
      return liveValue(row);
    },

    async put(namespace, key, value, options = {}) {
      const json = JSON.stringify(value);
      const maxChars = options.maxChars ?? MAX_RECORD_CHARS;
      if (json.length > maxChars) {
        throw new GenHubError('INVALID_INPUT', `A record is at most ${maxChars} characters of JSON.`);
      }
      const now = clock.now();
      const expiresAt = options.ttlMs === undefined ? null : now + options.ttlMs;
      await transact(async (trx) => {
        await removeExpired(trx, now);
        await trx
          .insertInto('records')
          .values({ namespace, key, value_json: json, expires_at: expiresAt, updated_at: now })
          .onConflict((conflict) =>
            conflict
              .columns(['namespace', 'key'])
              .doUpdateSet({ value_json: json, expires_at: expiresAt, updated_at: now }),
          )
          .execute();
      });
    },

    take(namespace, key) {
      // One DELETE that returns what it removed: of concurrent takers, only one removes the row.
      return transact(async (trx) => {
        const row = await trx
          .deleteFrom('records')
          .where('namespace', '=', namespace)
          .where('key', '=', key)
          .returning(['value_json', 'expires_at'])
          .executeTakeFirst();
        return liveValue(row);
      });
    },

    async delete(namespace, key) {
      await transact((trx) =>
        trx.deleteFrom('records').where('namespace', '=', namespace).where('key', '=', key).execute(),
      );
    },

    async claimOnce(namespace, key, ttlMs) {
      if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
        throw new GenHubError('INVALID_INPUT', 'A claim lasts a positive whole number of milliseconds.');
      }
      const now = clock.now();
      return transact(async (trx) => {
        await removeExpired(trx, now);
        // The primary key decides: of two inserts of one key, only one adds a row.
        const result = await trx
          .insertInto('records')
          .values({ namespace, key, value_json: 'true', expires_at: now + ttlMs, updated_at: now })
          .onConflict((conflict) => conflict.columns(['namespace', 'key']).doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
      });
    },
  };
}
