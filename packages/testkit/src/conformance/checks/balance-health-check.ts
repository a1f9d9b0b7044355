import { GenHubError } from '@genhub/core';
import type { ConformanceCheck } from '../conformance-check.js';
import type { Finding } from '../finding.js';

/** `balance` and `health`, when the provider offers them, answer numbers and a boolean against the fake. */
export const balanceAndHealth: ConformanceCheck = {
  id: 'balance-and-health',
  title: 'answers balance and health when it offers them',
  async run({ provider, signal, plugin, recordError }) {
    const findings: Finding[] = [];
    const say = (message: string) =>
      findings.push({ check: 'balance-and-health', message: `${plugin.id}: ${message}` });
    const calls = {
      balance: provider.balance && (() => provider.balance!({ signal })),
      health: provider.health && (() => provider.health!({ signal })),
    };
    for (const call of ['balance', 'health'] as const) {
      const ask = calls[call];
      if (!ask) continue;
      try {
        const answer: unknown = await ask();
        if (call === 'balance') {
          const { usd, credits } = answer as { usd?: unknown; credits?: unknown };
          for (const [name, amount] of [
            ['usd', usd],
            ['credits', credits],
          ] as const) {
            if (amount !== undefined && !(typeof amount === 'number' && Number.isFinite(amount))) {
              say(`balance() answers ${name} ${String(amount)}, not a finite number.`);
            }
          }
        } else if (typeof (answer as { ok?: unknown }).ok !== 'boolean') {
          say('health() answers no boolean `ok`.');
        }
      } catch (error) {
        if (GenHubError.isInstance(error)) {
          recordError(plugin.id, error);
          say(`${call}() failed against the fake with ${error.code} "${error.message}".`);
        } else {
          say(
            `${call}() threw ${error instanceof Error ? error.message : String(error)}; plugins throw GenHubError.`,
          );
        }
      }
    }
    return findings;
  },
};
