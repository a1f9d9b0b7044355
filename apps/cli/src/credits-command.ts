import { formatUsd } from '@genhub/chat';
import { type AccountRef, type Balance, GenHubError } from '@genhub/core';
import { parseCommandLine } from './command-line.js';
import { CONSOLE_USER } from './console-chat.js';
import { openStoreOnly } from './open-store-only.js';
import { textTable, utcTime } from './text-table.js';
import { UsageError } from './usage-error.js';
import { parseUsdAmount } from './usd-amount.js';

const SHOWN_ENTRIES = 10;

/**
 * `genhub credits grant <user> <amount-usd> [--community] [--note TEXT]` adds credits (a negative
 * amount takes them back); `genhub credits show <user> [--community]` prints the balance and the
 * latest ledger entries. Users are the ids jobs are stored with (`console` for the console).
 */
export async function credits(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    community: { type: 'boolean' },
    note: { type: 'string' },
  });
  const [action, id, amount, ...extra] = positionals;
  if (action !== 'grant' && action !== 'show') {
    throw new UsageError('Use "genhub credits grant <user> <amount-usd>" or "genhub credits show <user>".');
  }
  if (id === undefined || id.trim() === '')
    throw new UsageError(`Name the user: genhub credits ${action} console${action === 'grant' ? ' 5' : ''}.`);
  const account: AccountRef = { kind: values.community ? 'community' : 'user', id: id.trim() };
  if (account.kind === 'user' && account.id !== CONSOLE_USER && !account.id.includes(':')) {
    // The bots store their users with the platform in front (discord:123, telegram:456).
    console.error(
      `Note: bot users are stored as discord:<id> or telegram:<id>; "${account.id}" has no such prefix.`,
    );
  }
  if (action === 'show') {
    if (amount !== undefined) throw new UsageError(`genhub credits show takes one user, not "${amount}".`);
    return show(account);
  }
  if (amount === undefined)
    throw new UsageError(`Give the amount in US dollars: genhub credits grant ${account.id} 5.`);
  if (extra.length > 0)
    throw new UsageError(`genhub credits grant takes a user and an amount, not "${extra[0]}".`);
  return grant(account, parseUsdAmount(amount), values.note ?? 'granted with genhub credits');
}

async function grant(account: AccountRef, micros: number, note: string): Promise<number> {
  const genhub = await openStoreOnly();
  try {
    let balance: Balance;
    try {
      balance = await genhub.store.ledger.grant(account, micros, note);
    } catch (error) {
      if (!GenHubError.isInstance(error) || error.code !== 'INSUFFICIENT_FUNDS') throw error;
      const available = Number(error.details.availableMicros ?? 0);
      console.error(
        `Cannot take ${formatUsd({ micros: -micros })} from ${name(account)}: only ${formatUsd({ micros: available })} is available (money held for running jobs stays); take back less.`,
      );
      return 1;
    }
    const amount = formatUsd({ micros: Math.abs(micros) });
    const what =
      micros > 0 ? `Granted ${amount} to ${name(account)}` : `Took ${amount} back from ${name(account)}`;
    console.log(`${what}; balance ${balanceText(balance)}.`);
    return 0;
  } finally {
    await genhub.close();
  }
}

async function show(account: AccountRef): Promise<number> {
  const genhub = await openStoreOnly();
  try {
    const balance = await genhub.store.ledger.balance(account);
    console.log(`${name(account)}: ${balanceText(balance)}.`);
    const entries = await genhub.store.ledger.entries(account, SHOWN_ENTRIES);
    if (entries.length === 0) return 0;
    console.log(`Latest entries (newest first):`);
    const rows = entries.map((entry) => [
      utcTime(entry.createdAt),
      entry.kind,
      `${entry.amountMicros > 0 ? '+' : ''}${formatUsd({ micros: entry.amountMicros })}`,
      entry.jobId ? `job ${entry.jobId}` : (entry.note ?? ''),
    ]);
    for (const line of textTable(rows)) console.log(`  ${line}`);
    return 0;
  } finally {
    await genhub.close();
  }
}

function name(account: AccountRef): string {
  return account.kind === 'community' ? `community ${account.id}` : account.id;
}

function balanceText(balance: Balance): string {
  const held =
    balance.reservedMicros > 0
      ? `, ${formatUsd({ micros: balance.reservedMicros })} held for running jobs`
      : '';
  return `${formatUsd({ micros: balance.availableMicros })} available${held}`;
}
