import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS } from '@genhub/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { SpendReport } from './spend-child.js';
import { alice, inspect } from './store-fixtures.js';
import type { StoreHarness } from './store-harness.js';

const PRICE = 1234;
const SPEND_CHILD = fileURLToPath(
  new URL(`./spend-child${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
);
/** Running from TypeScript sources (this repository's tests), the child needs tsx too. */
const CHILD_EXEC_ARGV = SPEND_CHILD.endsWith('.ts') ? ['--import', 'tsx', '--conditions=@genhub/source'] : [];

function once<T>(child: ChildProcess, what: (message: unknown) => message is T): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (!what(message)) return;
      child.off('exit', onExit);
      child.off('message', onMessage);
      resolve(message);
    };
    const onExit = (code: number | null) => reject(new Error(`the spending process exited (${code}) early`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** The ledger across OS processes: the cases every store shared by several processes must pass. */
export function crossProcessCases(harness: StoreHarness): void {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill();
  });

  /** Spending processes on the database, each with its store open. */
  async function startSpenders(database: string, counts: number[]): Promise<ChildProcess[]> {
    const spenders = counts.map((count) => spawnSpender(database, count));
    await Promise.all(spenders.map((child) => once(child, (m): m is 'loaded' => m === 'loaded')));
    const ready = Promise.all(spenders.map((child) => once(child, (m): m is 'ready' => m === 'ready')));
    for (const child of spenders) child.send('open');
    // A process whose store failed to open exits before it says ready, which rejects here.
    await ready;
    return spenders;
  }

  function spawnSpender(database: string, count: number): ChildProcess {
    const child = fork(SPEND_CHILD, [harness.childModule, database, String(count), String(PRICE)], {
      execArgv: CHILD_EXEC_ARGV,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(child);
    return child;
  }

  describe('across processes', () => {
    it('100 concurrent spends from two processes against a balance for 10: exactly 10 accepted', async () => {
      const database = await harness.createDatabase();
      const store = await harness.open({ database });
      await store.ledger.grant(alice, 10 * PRICE);

      const spenders = await startSpenders(database, [50, 50]);
      const reports = Promise.all(
        spenders.map((child) =>
          once(child, (m): m is SpendReport => typeof m === 'object' && m !== null && 'accepted' in m),
        ),
      );
      for (const child of spenders) child.send('go');
      const [a, b] = await reports;

      expect([...(a?.failures ?? []), ...(b?.failures ?? [])]).toEqual([]);
      expect((a?.accepted ?? 0) + (b?.accepted ?? 0)).toBe(10);
      expect((a?.refused ?? 0) + (b?.refused ?? 0)).toBe(90);
      expect(await store.ledger.balance(alice)).toMatchObject({
        availableMicros: 0,
        reservedMicros: 10 * PRICE,
      });
      const rows = await inspect(harness, database);
      expect(rows).toMatchObject({ jobs: 10, accounts: 1, entries: 11 });
      expect(rows.entrySum(alice)).toBe(0);
    }, 120_000);

    it('four processes starting at once on a new database migrate it once and all open', async () => {
      const database = await harness.createDatabase();
      const starters = await startSpenders(database, [1, 1, 1, 1]);
      const reports = Promise.all(
        starters.map((child) =>
          once(child, (m): m is SpendReport => typeof m === 'object' && m !== null && 'accepted' in m),
        ),
      );
      for (const child of starters) child.send('go');
      // No credit was granted: each process reaches the ledger and is refused, none fails otherwise.
      for (const report of await reports) expect(report).toEqual({ accepted: 0, refused: 1, failures: [] });
      const applied = await harness.sql(database, 'select name from kysely_migration order by name');
      expect(applied.map((row) => row.name)).toEqual(Object.keys(MIGRATIONS));
    }, 120_000);
  });
}
