import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from './database-schema.js';
import { runShaped } from './shaped-query.js';
import { openSqlite } from './sqlite-connection.js';
import { createImmediateSqliteDialect } from './sqlite-dialect.js';

async function openMemory(): Promise<Kysely<Database>> {
  const raw = await openSqlite(':memory:', { busyTimeoutMs: 1000 });
  const db = new Kysely<Database>({ dialect: createImmediateSqliteDialect(raw, 1000) });
  await sql`create table user_blocks (user_id text not null, scope text not null)`.execute(db);
  await sql`insert into user_blocks values ('ann', 'a'), ('ann', 'b'), ('bob', 'a')`.execute(db);
  return db;
}

describe('runShaped', () => {
  let db: Kysely<Database> | undefined;
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
  });

  /** The scopes of `userId` among `scopes`, counting how often the query is built. */
  function scopesOf(db: Kysely<Database>, builds: { count: number }) {
    return async (userId: string, scopes: string[]) => {
      const rows = await runShaped(db, `scopes ${scopes.length}`, [userId, ...scopes], ([user, ...list]) => {
        builds.count += 1;
        return db
          .selectFrom('user_blocks')
          .select('scope')
          .where('user_id', '=', user as string)
          .where('scope', 'in', list as string[])
          .orderBy('scope');
      });
      return rows.map((row) => row.scope);
    };
  }

  it('builds a query once per shape and runs it with each call’s values', async () => {
    db = await openMemory();
    const builds = { count: 0 };
    const scopes = scopesOf(db, builds);
    expect(await scopes('ann', ['a'])).toEqual(['a']);
    expect(await scopes('bob', ['a'])).toEqual(['a']);
    expect(await scopes('bob', ['b'])).toEqual([]);
    expect(builds.count).toBe(1);
    expect(await scopes('ann', ['a', 'b'])).toEqual(['a', 'b']);
    expect(await scopes('ann', ['b', 'c'])).toEqual(['b']);
    expect(builds.count).toBe(2);
  });

  it('runs inside a transaction with the statements compiled outside it', async () => {
    db = await openMemory();
    const builds = { count: 0 };
    expect(await scopesOf(db, builds)('ann', ['b'])).toEqual(['b']);
    const inside = await db.transaction().execute((trx) => scopesOf(trx, builds)('bob', ['a']));
    expect(inside).toEqual(['a']);
    expect(builds.count).toBe(1);
  });

  it('keeps each database’s statements apart', async () => {
    db = await openMemory();
    const other = await openMemory();
    try {
      const builds = { count: 0 };
      await scopesOf(db, builds)('ann', ['a']);
      expect(await scopesOf(other, builds)('ann', ['b'])).toEqual(['b']);
      expect(builds.count).toBe(2);
    } finally {
      await other.destroy();
    }
  });
});
