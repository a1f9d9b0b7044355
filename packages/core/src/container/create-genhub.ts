import { randomBytes } from 'node:crypto';
import { compileBlockedTerms } from '../safety/blocked-terms.js';
import 'reflect-metadata';
import { join } from 'node:path';
import type { Logger, ProviderPlugin } from '@genhub/provider';
import { type Clock, ConfigError, type ConfigIssue, Redactor, systemClock } from '@genhub/provider';
import { type DependencyContainer, instanceCachingFactory, container as rootContainer } from 'tsyringe';
import { type ArtifactLinks, createArtifactLinks } from '../artifacts/artifact-links.js';
import { createGuardedFetcher } from '../artifacts/guarded-fetch.js';
import { linkSecret } from '../artifacts/link-secret.js';
import { createLocalArtifactStore, type LocalArtifactStore } from '../artifacts/local-artifact-store.js';
import { createSsrfGuard } from '../artifacts/ssrf-guard.js';
import type { GenHubConfig, GenHubConfigInput } from '../config/config-schema.js';
import { providerEnvName, providerSettingsFromEnv } from '../config/env-names.js';
import { parseConfig } from '../config/load-config.js';
import { createHttpClient } from '../http/undici-http-client.js';
import { createLogger } from '../logging/pino-logger.js';
import { withRedaction } from '../logging/redacting-logger.js';
import type { Moderation } from '../moderation/moderation.js';
import { GenerationService } from '../pipeline/generation-service.js';
import { InProcessJobQueue } from '../pipeline/job-queue.js';
import {
  loadPluginPackage,
  type PackageImporter,
  pluginSearchFolders,
} from '../plugin/load-plugin-package.js';
import { startPlugin } from '../plugin/start-plugin.js';
import { Registry } from '../registry/registry.js';
import type { Store } from '../store/ledger.js';
import { createSqliteStore } from '../store/sqlite-store.js';
import { Tokens } from './tokens.js';

export interface CreateGenHubOptions {
  /** Replaces the SQLite store in `dataDir` (tests, other databases). */
  store?: Store;
  /** Plugins the application bundles; those named in `config.plugins` are imported as well. */
  plugins?: readonly ProviderPlugin[];
  /** Source of `GENHUB_<ID>_<KEY>` provider settings; defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  logger?: Logger;
  clock?: Clock;
  importPackage?: PackageImporter;
  /**
   * Where plugins named in `config.plugins` are looked for: the working folder and the
   * configuration file's folder unless given (then GenHub's own packages).
   */
  pluginSearchFrom?: readonly string[];
}

/** How each plugin fared at start. */
export interface PluginStatus {
  id: string;
  name: string;
  state: 'ready' | 'unconfigured' | 'failed';
  models: number;
  /** For `unconfigured`: the variables that would enable it. For `failed`: what went wrong. */
  message?: string;
}

export interface GenHub {
  config: GenHubConfig;
  container: DependencyContainer;
  registry: Registry;
  logger: Logger;
  plugins: readonly PluginStatus[];
  store: Store;
  artifacts: LocalArtifactStore;
  /** Signed links to stored results, under `config.publicUrl`. */
  links: ArtifactLinks;
  generation: GenerationService;
  /** The audit log and user blocks (kept in the store). */
  moderation: Moderation;
  /** Starts driving jobs, resuming every unfinished one unless `resume` is false. */
  start(options?: { resume?: boolean }): Promise<{ resumed: number }>;
  /** Stops taking work, lets running jobs reach a persisted state, closes everything. */
  close(): Promise<void>;
}

/**
 * Builds GenHub from one configuration: logger, HTTP client, registry and every provider plugin,
 * wired in a tsyringe container. A plugin with no settings at all is skipped as unconfigured; a
 * plugin with bad settings stops the start with a ConfigError that names the keys.
 */
export async function createGenHub(
  input: GenHubConfig | GenHubConfigInput = {},
  options: CreateGenHubOptions = {},
): Promise<GenHub> {
  const config = parseConfig(input);
  const env = options.env ?? process.env;
  const shutdown = new AbortController();
  const container = rootContainer.createChildContainer();
  const redactor = new Redactor();

  container.register(Tokens.Config, { useValue: config });
  container.register(Tokens.Env, { useValue: env });
  container.register(Tokens.ShutdownSignal, { useValue: shutdown.signal });
  container.register(Tokens.Redactor, { useValue: redactor });
  container.register(Tokens.Clock, { useValue: options.clock ?? systemClock });
  container.register(Tokens.Logger, {
    useFactory: instanceCachingFactory((c) =>
      options.logger
        ? withRedaction(options.logger, redactor)
        : createLogger({ level: c.resolve(Tokens.Config).logLevel, redactor }),
    ),
  });
  const http = createHttpClient({
    logger: container.resolve(Tokens.Logger),
    redactor,
    clock: container.resolve(Tokens.Clock),
    timeouts: {
      connectMs: config.http.connectTimeoutMs,
      headersMs: config.http.headersTimeoutMs,
      bodyMs: config.http.bodyTimeoutMs,
    },
    retry: {
      retries: config.http.retries,
      baseDelayMs: config.http.retryBaseDelayMs,
      maxDelayMs: config.http.retryMaxDelayMs,
    },
    maxResponseBytes: Math.floor(config.http.maxResponseMegabytes * 1024 * 1024),
  });
  container.register(Tokens.HttpClient, { useValue: http });
  container.register(Tokens.Registry, { useFactory: instanceCachingFactory(() => new Registry()) });

  const logger = container.resolve(Tokens.Logger);
  const registry = container.resolve(Tokens.Registry);
  const plugins = [...(options.plugins ?? [])];
  const searchFrom = options.pluginSearchFrom ?? pluginSearchFolders(env);
  for (const name of config.plugins) {
    plugins.push(
      await loadPluginPackage(name, {
        searchFrom,
        ...(options.importPackage === undefined ? {} : { importPackage: options.importPackage }),
      }),
    );
  }

  const statuses: PluginStatus[] = [];
  const problems: ConfigIssue[] = [];
  for (const plugin of plugins) {
    const fromFile = config.providers[plugin.id];
    const raw = { ...fromFile, ...providerSettingsFromEnv(plugin.id, env) };
    const given = Object.keys(raw).length > 0;
    if (!given && !plugin.config.safeParse({}).success) {
      statuses.push({
        ...describe(plugin),
        state: 'unconfigured',
        models: 0,
        message: missingSettings(plugin),
      });
      continue;
    }
    try {
      const started = await startPlugin(plugin, raw, {
        http,
        logger,
        clock: container.resolve(Tokens.Clock),
        redactor,
        signal: shutdown.signal,
      });
      registry.add(plugin.id, started.provider, started.models);
      statuses.push({ ...describe(plugin), state: 'ready', models: started.models.length });
    } catch (error) {
      if (error instanceof ConfigError) {
        problems.push(...error.issues);
        continue;
      }
      const message = redactor.redact(error instanceof Error ? error.message : String(error));
      logger.error('provider plugin failed to start', { plugin: plugin.id, error: message });
      statuses.push({ ...describe(plugin), state: 'failed', models: 0, message });
    }
  }
  if (problems.length > 0) {
    await http.close();
    throw new ConfigError(problems);
  }

  const store =
    options.store ??
    (await createSqliteStore({
      file: join(config.dataDir, 'genhub.db'),
      synchronous: config.sqlite.synchronous,
    }));
  const artifacts = createLocalArtifactStore({ root: join(config.dataDir, 'artifacts') });
  const links = createArtifactLinks({
    baseUrl: config.publicUrl,
    // A store passed in (tests, other databases) means no data folder to keep a secret in.
    secret: config.linkSecret ?? (options.store ? randomBytes(32) : await linkSecret(config.dataDir)),
    ttlMs: config.linkTtlHours * 3_600_000,
  });
  // The operator's trusted origins, and each self-hosted provider's own servers.
  const providerOrigins = registry.providerIds().flatMap((id) => registry.provider(id)?.trustedOrigins ?? []);
  const fetcher = createGuardedFetcher({
    guard: createSsrfGuard({ trustedOrigins: [...config.trustedOrigins, ...providerOrigins] }),
  });
  const generation = new GenerationService({
    registry,
    store,
    artifacts,
    fetcher,
    queue: new InProcessJobQueue(config.jobs.concurrency),
    clock: container.resolve(Tokens.Clock),
    logger: logger.child({ component: 'pipeline' }),
    jobs: config.jobs,
    billing: config.billing,
    limits: config.limits,
    ...webhookBase(config.publicUrl),
    blockedTerms: compileBlockedTerms(config.safety.blockedTerms),
  });
  container.register(Tokens.Store, { useValue: store });
  container.register(Tokens.GenerationService, { useValue: generation });

  let closed = false;
  return {
    config,
    container,
    registry,
    logger,
    plugins: statuses,
    store,
    artifacts,
    links,
    generation,
    moderation: store.moderation,
    start: (options) => generation.start(options),
    async close() {
      if (closed) return;
      closed = true;
      await generation.stop();
      shutdown.abort(new Error('GenHub is shutting down'));
      for (const id of registry.providerIds()) await registry.provider(id)?.close?.();
      await fetcher.close();
      await http.close();
      await store.close();
    },
  };
}

/**
 * Providers call back at `<publicUrl>/webhooks/<provider id>`, but only when the public URL is one
 * they can reach: never this machine's loopback (the default).
 */
function webhookBase(publicUrl: string): { webhookBaseUrl?: string } {
  const host = new URL(publicUrl).hostname;
  if (host === 'localhost' || host === '[::1]' || host.startsWith('127.')) return {};
  return { webhookBaseUrl: `${publicUrl.replace(/\/+$/, '')}/webhooks` };
}

function describe(plugin: ProviderPlugin): { id: string; name: string } {
  return { id: plugin.id, name: plugin.name };
}

function missingSettings(plugin: ProviderPlugin): string {
  const result = plugin.config.safeParse({});
  if (result.success) return '';
  const keys = [
    ...new Set(result.error.issues.map((issue) => issue.path[0]).filter((k) => typeof k === 'string')),
  ];
  return `set ${keys.map((key) => providerEnvName(plugin.id, key)).join(' and ')} to enable ${plugin.name}`;
}
