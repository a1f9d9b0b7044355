import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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

      const spenders = [spawnSpender(database, 50), spawnSpender(database, 50)];
      await Promise.all(spenders.map((child) => once(child, (m): m is 'ready' => m === 'ready')));
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
  });
}
