import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from './sqlite-connection.js';

const require = createRequire(import.meta.url);
const hasBuiltin = (() => {
  try {
    require('node:sqlite');
    return true;
  } catch {
    return false;
  }
})();
const betterSqliteLoads = (() => {
  try {
    new (require('better-sqlite3'))(':memory:').close();
    return true;
  } catch {
    return false;
  }
})();

describe('openSqlite', () => {
  it('picks node:sqlite where Node has it, better-sqlite3 otherwise', async () => {
    const connection = await openSqlite(':memory:', { busyTimeoutMs: 100 });
    expect(connection.driver).toBe(hasBuiltin ? 'node:sqlite' : 'better-sqlite3');
    connection.close();
    expect(connection.isOpen).toBe(false);
  });

  const drivers = [
    ...(hasBuiltin ? (['node:sqlite'] as const) : []),
    ...(betterSqliteLoads && !hasBuiltin ? (['better-sqlite3'] as const) : []),
  ];
  it.each(drivers)('%s: runs statements the way Kysely drives them', async (driver) => {
    const file = join(mkdtempSync(join(tmpdir(), 'genhub-sqlite-')), 'x.db');
    const connection = await openSqlite(file, { busyTimeoutMs: 100, driver });
    connection.pragma('journal_mode = WAL');
    const create = connection.prepare('create table t (id integer primary key, name text not null)');
    expect(create.reader).toBe(false);
    create.run([]);
    const insert = connection.prepare('insert into t (name) values (?)');
    expect(insert.run(['a'])).toMatchObject({ changes: 1, lastInsertRowid: 1 });
    const returning = connection.prepare('update t set name = ? where id = ? returning name');
    expect(returning.reader).toBe(true);
    expect(returning.all(['b', 1])).toEqual([expect.objectContaining({ name: 'b' })]);
    expect([...connection.prepare('select name from t').iterate([])]).toHaveLength(1);
    connection.close();
  });
});
