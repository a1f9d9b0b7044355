import type {
  Clock,
  HttpClient,
  Logger,
  ModelSpec,
  Provider,
  ProviderPlugin,
  Redactor,
} from '@genhub/provider';
import { ConfigError } from '@genhub/provider';
import { providerEnvName } from '../config/env-names.js';
import { collectSecrets } from './config-secrets.js';

export interface StartPluginDependencies {
  http: HttpClient;
  logger: Logger;
  clock: Clock;
  redactor: Redactor;
  signal: AbortSignal;
}

export interface StartedPlugin {
  plugin: ProviderPlugin;
  provider: Provider;
  models: readonly ModelSpec[];
}

/**
 * Validates a plugin's raw settings, registers its secrets for redaction, runs `setup` and lists its
 * models. Bad settings throw ConfigError naming the `GENHUB_<ID>_<KEY>` variable to fix.
 */
export async function startPlugin(
  plugin: ProviderPlugin,
  rawConfig: Readonly<Record<string, unknown>>,
  deps: StartPluginDependencies,
): Promise<StartedPlugin> {
  deps.redactor.add(...collectSecrets(rawConfig));
  const parsed = plugin.config.safeParse(rawConfig);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = issue.path.map(String).join('.');
        const top = issue.path[0];
        return {
          key: `providers.${plugin.id}${key ? `.${key}` : ''}`,
          ...(typeof top === 'string' ? { env: providerEnvName(plugin.id, top) } : {}),
          message: issue.message,
        };
      }),
      `the ${plugin.name} plugin settings`,
    );
  }
  const secrets = collectSecrets(parsed.data);
  deps.redactor.add(...secrets);
  const logger = deps.logger.child({ plugin: plugin.id });
  const provider = await plugin.setup(
    {
      http: deps.http.withDefaults({ provider: plugin.id, secrets }),
      logger,
      clock: deps.clock,
      signal: deps.signal,
    },
    parsed.data,
  );
  const models = await provider.models({ signal: deps.signal });
  return { plugin, provider, models };
}
