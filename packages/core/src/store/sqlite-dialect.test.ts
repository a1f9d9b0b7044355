import { afterAll, describe, expect, it } from 'vitest';
import { openRaw } from './__fixtures__/raw-sqlite.js';
import { alice, caught, TempStores } from './__fixtures__/store-fixtures.js';

const temps = new TempStores();
afterAll(() => temps.cleanup());

describe('SQLite write lock', () => {
  it('waits for another connection’s transaction without blocking the event loop', async () => {
    const file = await temps.file();
    const store = await temps.open({ file });
    const other = openRaw(file);
    other.exec('begin immediate');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    setTimeout(() => other.exec('commit'), 100);
    expect((await store.ledger.grant(alice, 10)).availableMicros).toBe(10);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5);
    other.close();
  });

  it('gives up after busyTimeoutMs with a retryable INTERNAL error, writing nothing', async () => {
    const file = await temps.file();
    const store = await temps.open({ file, busyTimeoutMs: 100 });
    const other = openRaw(file);
    other.exec('begin immediate');
    const error = await caught(store.ledger.grant(alice, 10));
    expect(error.code).toBe('INTERNAL');
    expect(error.retryable).toBe(true);
    other.exec('rollback');
    other.close();
    expect((await store.ledger.balance(alice)).availableMicros).toBe(0);
  });
});
