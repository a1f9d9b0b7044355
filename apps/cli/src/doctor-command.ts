import { userMessage } from '@genhub/chat';
import {
  ConfigError,
  createGenHub,
  type GenHub,
  loadConfig,
  providerEnvName,
  silentLogger,
} from '@genhub/core';
import { ESPEAK_PLUGIN_ID } from '@genhub/plugin-espeak';
import { checkStore } from './health.js';
import { runtimePlugins } from './plugins.js';
import { withTimeout } from './with-timeout.js';

const CHECK_TIMEOUT_MS = 10_000;

/**
 * `genhub doctor`: checks the configuration, the store and every provider (health and balance where
 * it has them), printing one sentence per problem with how to fix it. 1 when anything is wrong.
 */
export async function doctor(): Promise<number> {
  let genhub: GenHub;
  try {
    genhub = await createGenHub(loadConfig(), { plugins: runtimePlugins, logger: silentLogger });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.log('The configuration is invalid:');
    for (const issue of error.issues) {
      const where = issue.env ? `${issue.key} (${issue.env})` : issue.key;
      console.log(`  problem: ${where}: ${issue.message}; fix it in genhub.config.json or the environment.`);
    }
    return 1;
  }
  const problems: string[] = [];
  const problem = (sentence: string) => {
    problems.push(sentence);
    console.log(`  problem: ${sentence}`);
  };
  try {
    console.log('Configuration: ok.');
    const store = await checkStore(genhub);
    if (store.ok) console.log(`Store: ok (${genhub.config.dataDir}).`);
    else {
      console.log('Store:');
      problem(
        `the database in ${genhub.config.dataDir} does not answer (${store.message}); check that the folder is writable (GENHUB_DATA_DIR).`,
      );
    }

    for (const status of genhub.plugins) {
      const detail = status.message ? `: ${status.message}` : '';
      console.log(`${status.name} (${status.id}): ${status.state}, ${status.models} models${detail}`);
      const baseUrl = providerEnvName(status.id, 'baseUrl');
      const apiKey = providerEnvName(status.id, 'apiKey');
      const settings = baseUrl.replace(/BASE_URL$/, '*');
      if (status.state === 'failed') {
        problem(
          `${status.name} did not start (${status.message ?? 'no reason given'}); check its ${settings} settings.`,
        );
        continue;
      }
      if (status.state !== 'ready') continue;
      const provider = genhub.registry.provider(status.id);
      if (provider?.health) {
        const health = provider.health.bind(provider);
        try {
          const result = await withTimeout(CHECK_TIMEOUT_MS, `${status.name}'s health check`, (signal) =>
            health({ signal }),
          );
          if (result.ok) console.log(`  health: ok${result.message ? ` (${result.message})` : ''}`);
          else
            problem(
              `${status.name} reports it is unhealthy (${result.message ?? 'no reason given'}); check its status page or ${baseUrl}.`,
            );
        } catch (error) {
          problem(
            `${status.name}'s health check failed: ${reason(error)}; check ${baseUrl}, the network and the provider's status.`,
          );
        }
      }
      if (provider?.balance) {
        const balance = provider.balance.bind(provider);
        try {
          const result = await withTimeout(CHECK_TIMEOUT_MS, `${status.name}'s balance`, (signal) =>
            balance({ signal }),
          );
          const amounts = [
            result.usd === undefined ? undefined : `$${result.usd.toFixed(2)}`,
            result.credits === undefined ? undefined : `${result.credits} credits`,
          ].filter((x) => x !== undefined);
          console.log(`  balance: ${amounts.length > 0 ? amounts.join(', ') : 'reported'}`);
          if (
            (result.usd !== undefined && result.usd <= 0) ||
            (result.credits !== undefined && result.credits <= 0)
          ) {
            problem(`${status.name}'s account is empty; top it up at the provider.`);
          }
        } catch (error) {
          problem(
            `${status.name}'s balance could not be read: ${reason(error)}; check ${apiKey} and the provider's status.`,
          );
        }
      }
    }
    if (!genhub.plugins.some((p) => p.state === 'ready' && p.id !== ESPEAK_PLUGIN_ID)) {
      console.log(
        'Only offline speech is available; set a provider key (see `genhub models`) for images and video.',
      );
    }
    for (const [name, bot] of [
      ['DISCORD_TOKEN', 'Discord'],
      ['TELEGRAM_BOT_TOKEN', 'Telegram'],
    ] as const) {
      if (process.env[name])
        console.log(
          `${name} is set; its check comes with the ${bot} bot, which this version does not include.`,
        );
    }
    console.log(
      problems.length === 0
        ? 'No problems found.'
        : `${problems.length} problem${problems.length === 1 ? '' : 's'} found.`,
    );
    return problems.length === 0 ? 0 : 1;
  } finally {
    await genhub.close();
  }
}

/** One clause about a failure, without a trailing full stop. */
function reason(error: unknown): string {
  const sentence = error instanceof Error ? (error.message.split('\n')[0] ?? '') : userMessage(error);
  return sentence.replace(/[.\s]+$/, '');
}
