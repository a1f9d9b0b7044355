/*
 * A second GenHub process for the store conformance suite: once loaded says `loaded` and waits for
 * `open` (so several children open the database at the same moment), opens a store on the database
 * it is given (through the harness's child module), says `ready`, waits for `go`, then tries `count`
 * reservations for alice at once and reports how they went. Run by `cross-process-cases.ts` with fork().
 */
import { pathToFileURL } from 'node:url';
import { GenHubError, type Store } from '@genhub/core';
import { makeJob } from './store-fixtures.js';

export interface SpendReport {
  accepted: number;
  refused: number;
  /** Any other failure, as its message: the test expects none. */
  failures: string[];
}

const [moduleFile, database, count, price] = process.argv.slice(2);
const { openStore } = (await import(pathToFileURL(moduleFile ?? '').href)) as {
  openStore(database: string): Promise<Store>;
};
process.send?.('loaded');
await new Promise((resolve) => process.once('message', resolve));
const store = await openStore(database ?? '');
process.send?.('ready');
process.once('message', async () => {
  const attempts = Array.from({ length: Number(count) }, () =>
    store.createJobWithReservation({ job: makeJob({ reservedMicros: Number(price) }), now: 1 }),
  );
  const report: SpendReport = { accepted: 0, refused: 0, failures: [] };
  for (const result of await Promise.allSettled(attempts)) {
    if (result.status === 'fulfilled') report.accepted += 1;
    else if (GenHubError.isInstance(result.reason) && result.reason.code === 'INSUFFICIENT_FUNDS')
      report.refused += 1;
    else report.failures.push(String((result.reason as Error)?.message ?? result.reason));
  }
  await store.close();
  process.send?.(report, () => process.exit(0));
});
