import { formatUsd } from '@genhub/chat';
import { type AccountRef, currentModel, type JobRecord, TERMINAL_STATES } from '@genhub/core';
import { parseCommandLine, wholeNumberOption } from './command-line.js';
import { newestJobs } from './newest-jobs.js';
import { openStoreOnly } from './open-store-only.js';
import { textTable, utcTime } from './text-table.js';
import { UsageError } from './usage-error.js';

const DAY_MS = 86_400_000;

/**
 * `genhub usage [--user U] [--days N]`: what the jobs of the last N days (30 by default) cost, by
 * task, by model and overall, then the balance of each account that paid for them (or of U).
 */
export async function usage(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    user: { type: 'string' },
    days: { type: 'string' },
  });
  if (positionals.length > 0)
    throw new UsageError(`genhub usage takes no argument "${positionals[0]}"; use --user.`);
  const days = wholeNumberOption('days', values.days, 30, 1, 36_500);
  const userId = values.user;
  const since = Date.now() - days * DAY_MS;
  const genhub = await openStoreOnly();
  try {
    const list = await newestJobs(genhub.generation, { ...(userId === undefined ? {} : { userId }), since });
    const who = userId === undefined ? 'everyone' : userId;
    console.log(`Usage of ${who}, last ${days} day${days === 1 ? '' : 's'} (since ${utcTime(since)} UTC):`);
    if (list.length === 0) console.log('  no jobs.');
    else {
      for (const line of textTable(totalsBy('task', list, (job) => job.task))) console.log(`  ${line}`);
      for (const line of textTable(totalsBy('model', list, currentModel))) console.log(`  ${line}`);
    }
    const spent = sum(list, (job) => job.chargedMicros ?? 0);
    const running = list.filter((job) => !TERMINAL_STATES.has(job.state));
    const held = sum(running, (job) => job.reservedMicros);
    const heldText =
      running.length > 0 ? `, ${formatUsd({ micros: held })} held for ${running.length} running` : '';
    console.log(`Total: ${count(list.length)}, ${formatUsd({ micros: spent })} spent${heldText}.`);

    const accounts: AccountRef[] =
      userId === undefined ? uniqueAccounts(list.map((job) => job.payer)) : [{ kind: 'user', id: userId }];
    for (const account of accounts) {
      const balance = await genhub.store.ledger.balance(account);
      const name = account.kind === 'community' ? `community ${account.id}` : account.id;
      const reserved =
        balance.reservedMicros > 0 ? `, ${formatUsd({ micros: balance.reservedMicros })} held` : '';
      console.log(
        `Balance of ${name}: ${formatUsd({ micros: balance.availableMicros })} available${reserved}.`,
      );
    }
    return 0;
  } finally {
    await genhub.close();
  }
}

function totalsBy(title: string, list: readonly JobRecord[], key: (job: JobRecord) => string): string[][] {
  const groups = new Map<string, { jobs: number; micros: number }>();
  for (const job of list) {
    const group = groups.get(key(job)) ?? { jobs: 0, micros: 0 };
    group.jobs += 1;
    group.micros += job.chargedMicros ?? 0;
    groups.set(key(job), group);
  }
  const rows = [...groups].sort(([a, x], [b, y]) => y.micros - x.micros || a.localeCompare(b));
  return [
    [title, 'jobs', 'spent'],
    ...rows.map(([name, g]) => [name, String(g.jobs), formatUsd({ micros: g.micros })]),
  ];
}

function sum(list: readonly JobRecord[], value: (job: JobRecord) => number): number {
  return list.reduce((total, job) => total + value(job), 0);
}

function count(jobs: number): string {
  return `${jobs} job${jobs === 1 ? '' : 's'}`;
}

function uniqueAccounts(accounts: readonly AccountRef[]): AccountRef[] {
  const seen = new Map<string, AccountRef>();
  for (const account of accounts) seen.set(`${account.kind}:${account.id}`, account);
  return [...seen.values()];
}
