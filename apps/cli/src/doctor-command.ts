import { userMessage } from '@genhub/chat';
import {
  ConfigError,
  type ConfigIssue,
  createGenHub,
  createSqliteStore,
  type GenHub,
  type GenHubConfig,
  loadPluginPackage,
  type ProviderPlugin,
  providerEnvName,
  type Store,
  silentLogger,
} from '@genhub/core';
import { ESPEAK_PLUGIN_ID } from '@genhub/plugin-espeak';
import { checkBotTokens } from './check-bot-tokens.js';
import { checkPostgresStore } from './check-database.js';
import { configuredArtifacts } from './configured-artifacts.js';
import { checkDashboard } from './dashboard-check.js';
import { checkStore } from './health.js';
import { loadConfigLeniently } from './lenient-config.js';
import { runtimePlugins } from './plugins.js';
import { withTimeout } from './with-timeout.js';

const CHECK_TIMEOUT_MS = 10_000;

/**
 * `genhub doctor`: checks the configuration, the plugin packages, the store, every provider (health
 * and balance where it has them) and the bot tokens, printing one sentence per problem with how to
 * fix it. 1 when anything is wrong.
 *
 * It reports every problem in one run: a problem in one part does not stop the checks of the others.
 * - Bad core settings are reported, and the rest is checked with them at their defaults (see
 *   `loadConfigLeniently` for how far it falls back).
 * - A plugin package that does not load is reported; the other plugins are checked.
 * - A plugin whose own settings are bad is reported and left out; the other plugins are checked.
 * - A database that does not open is reported; the providers are checked with an in-memory store.
 */
export async function doctor(): Promise<number> {
  const problems: string[] = [];
  const problem = (sentence: string) => {
    problems.push(sentence);
    console.log(`  problem: ${sentence}`);
  };

  const { config, issues, fallback } = loadConfigLeniently();
  if (issues.length === 0) console.log('Configuration: ok.');
  else {
    console.log('Configuration:');
    for (const issue of issues) problem(issueSentence(issue));
    console.log(`  The other checks use ${fallback}.`);
  }

  const extra: ProviderPlugin[] = [];
  for (const name of config.plugins) {
    try {
      extra.push(await loadPluginPackage(name));
    } catch (error) {
      problem(sentence(reason(error)));
    }
  }

  // PostgreSQL is checked on its own (doctor applies no migrations); providers get a memory store.
  const { url } = config.database;
  if (url !== undefined) await checkPostgresStore({ ...config.database, url }, problem);
  const { genhub, storeFailed } = await openGenHub(
    config,
    [...runtimePlugins, ...extra],
    problem,
    url === undefined ? undefined : await createSqliteStore({ file: ':memory:' }),
  );
  try {
    if (url !== undefined) {
      // Checked above.
    } else if (storeFailed) console.log('Store: not checked further; the providers are checked without it.');
    else {
      const store = await checkStore(genhub);
      if (store.ok) console.log(`Store: ok (${genhub.config.dataDir}).`);
      else {
        console.log('Store:');
        problem(
          `the database in ${genhub.config.dataDir} does not answer (${store.message}); check that the folder is writable (GENHUB_DATA_DIR).`,
        );
      }
    }
    console.log(allowancesLine(genhub.config));
    if (config.role !== 'all' && !config.redis.url) {
      console.log('Role:');
      problem(
        `the ${config.role} role shares jobs through Redis; set GENHUB_REDIS_URL, or set GENHUB_ROLE to "all".`,
      );
    }
    if (config.redis.url) {
      const { checkRedis } = await import('@genhub/core/redis');
      const redis = await checkRedis(config.redis.url, CHECK_TIMEOUT_MS);
      if (redis.ok) console.log(`Redis: ok (version ${redis.version}).`);
      else {
        console.log('Redis:');
        problem(redis.message ?? 'Redis does not answer; check GENHUB_REDIS_URL.');
      }
    }
    await checkArtifacts(genhub, problem);
    await checkProviders(genhub, problem);
    const dashboard = await checkDashboard(genhub.config, process.env, 2_000);
    console.log(dashboard.line);
    for (const sentence of dashboard.problems) problem(sentence);
    for (const bot of await checkBotTokens(process.env, { timeoutMs: CHECK_TIMEOUT_MS })) {
      console.log(bot.botName ? `${bot.platform}: ok, the bot is ${bot.botName}.` : `${bot.platform}:`);
      for (const sentence of bot.problems) problem(sentence);
    }
  } finally {
    await genhub.close();
  }
  console.log(
    problems.length === 0
      ? 'No problems found.'
      : `${problems.length} problem${problems.length === 1 ? '' : 's'} found.`,
  );
  return problems.length === 0 ? 0 : 1;
}

/**
 * GenHub with every plugin whose settings are valid. `createGenHub` refuses to start when any
 * plugin's settings are bad; those plugins are reported and left out, and the rest start. The only
 * other failure left to it here (plugin packages were loaded above) is its database: reported, then
 * replaced by an in-memory one so the providers are still checked.
 */
async function openGenHub(
  config: GenHubConfig,
  plugins: readonly ProviderPlugin[],
  problem: (sentence: string) => void,
  given?: Store,
): Promise<{ genhub: GenHub; storeFailed: boolean }> {
  let candidates = plugins;
  let store: Store | undefined = given;
  for (;;) {
    try {
      const genhub = await createGenHub(
        // The store and providers only: no queue, no Redis connections (Redis is checked on its own).
        { ...config, plugins: [], role: 'all', redis: { ...config.redis, url: undefined } },
        {
          plugins: candidates,
          logger: silentLogger,
          ...(store ? { store } : {}),
          ...(await configuredArtifacts(config)),
        },
      );
      return { genhub, storeFailed: store !== undefined && store !== given };
    } catch (error) {
      if (error instanceof ConfigError) {
        const bad = new Set(error.issues.map((issue) => /^providers\.([^.]+)/.exec(issue.key)?.[1]));
        const left = candidates.filter((plugin) => !bad.has(plugin.id));
        if (left.length === candidates.length) throw error;
        for (const plugin of candidates.filter((p) => bad.has(p.id))) {
          const own = error.issues.filter((issue) => issue.key.startsWith(`providers.${plugin.id}`));
          for (const issue of own)
            problem(`${issueSentence(issue).slice(0, -1)}; ${plugin.name} is not checked.`);
        }
        candidates = left;
        continue;
      }
      if (store) throw error;
      problem(
        `the database in ${config.dataDir} could not be opened (${reason(error)}); check that the folder is writable (GENHUB_DATA_DIR).`,
      );
      store = await createSqliteStore({ file: ':memory:' });
    }
  }
}

/** A bucket, when results go to one: reachable and writable (a probe file, deleted after). */
async function checkArtifacts(genhub: GenHub, problem: (sentence: string) => void): Promise<void> {
  const check = genhub.artifacts.checkWritable?.bind(genhub.artifacts);
  if (!check) return;
  try {
    await withTimeout(CHECK_TIMEOUT_MS, 'The bucket check', (signal) => check(signal));
    console.log(`Artifacts: ok (${genhub.artifacts.location}).`);
  } catch (error) {
    console.log('Artifacts:');
    const clause = reason(error);
    problem(
      sentence(
        clause.includes('GENHUB_S3_') ? clause : `${clause}; check GENHUB_S3_ENDPOINT and the network`,
      ),
    );
  }
}

async function checkProviders(genhub: GenHub, problem: (sentence: string) => void): Promise<void> {
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
}

function issueSentence(issue: ConfigIssue): string {
  const where = issue.env ? `${issue.key} (${issue.env})` : issue.key;
  return `${where}: ${issue.message}; fix it in genhub.config.json or the environment.`;
}

/** One clause about a failure, without a trailing full stop. */
function reason(error: unknown): string {
  const sentence = error instanceof Error ? (error.message.split('\n')[0] ?? '') : userMessage(error);
  return sentence.replace(/[.\s]+$/, '');
}

function sentence(clause: string): string {
  return /[.?!]$/.test(clause) ? clause : `${clause}.`;
}

/** What every user gets free, so the operator sees what the bots will give away. */
function allowancesLine({ billing }: GenHubConfig): string {
  const parts = [
    billing.welcomeUsd > 0 ? `$${billing.welcomeUsd} welcome credit for each new user` : '',
    billing.dailyFreeUsd > 0
      ? `$${billing.dailyFreeUsd} a day for each user, spent before their own credits`
      : '',
  ].filter(Boolean);
  return parts.length > 0
    ? `Free allowances: ${parts.join('; ')}.`
    : 'Free allowances: none (GENHUB_WELCOME_USD, GENHUB_DAILY_FREE_USD).';
}
