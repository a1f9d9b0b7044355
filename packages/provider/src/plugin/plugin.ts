import type { z } from 'zod';
import type { Clock } from '../clock/clock.js';
import type { HttpClient } from '../http/http-client.js';
import type { Logger } from '../logging/logger.js';
import type { Provider } from './provider.js';

/** The plugin contract versions this core can load. */
export const SUPPORTED_CONTRACTS = [1] as const;
export type ContractVersion = (typeof SUPPORTED_CONTRACTS)[number];

/** What core hands a plugin's `setup`. */
export interface PluginContext {
  /** Shared HTTP client; secrets in the plugin's configuration are already redacted from its logs. */
  http: HttpClient;
  logger: Logger;
  clock: Clock;
  /** Aborts when GenHub shuts down. */
  signal: AbortSignal;
}

export interface PluginDefinition<Config extends z.ZodType = z.ZodType> {
  /** Lower-case, `a-z0-9-`; the prefix of every model id and of `GENHUB_<ID>_*` variables. */
  id: string;
  name: string;
  description?: string;
  contract: ContractVersion;
  /**
   * The plugin's configuration. Environment variables `GENHUB_<ID>_<KEY>` fill its keys
   * (`GENHUB_GATEAI_API_KEY` -> `apiKey`). Keys named like `apiKey`, `token` or `secret` are redacted.
   */
  config: Config;
  setup(context: PluginContext, config: z.output<Config>): Provider | Promise<Provider>;
}

const pluginMarker = Symbol.for('genhub.plugin');

export type ProviderPlugin<Config extends z.ZodType = z.ZodType> = Readonly<PluginDefinition<Config>> & {
  readonly [pluginMarker]: true;
};

const PLUGIN_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Declares a provider plugin. Checks the definition at once, so a bad plugin fails where it is written. */
export function definePlugin<Config extends z.ZodType>(
  definition: PluginDefinition<Config>,
): ProviderPlugin<Config> {
  if (!PLUGIN_ID.test(definition.id)) {
    throw new TypeError(
      `Plugin id "${definition.id}" is invalid: use 1 to 40 lower-case letters, digits or dashes.`,
    );
  }
  if (!SUPPORTED_CONTRACTS.includes(definition.contract)) {
    throw new TypeError(
      `Plugin "${definition.id}" targets contract ${String(definition.contract)}; this GenHub supports ${SUPPORTED_CONTRACTS.join(', ')}.`,
    );
  }
  return Object.freeze({ ...definition, [pluginMarker]: true as const });
}

/** True for values made by `definePlugin`, from any copy of this package. */
export function isProviderPlugin(value: unknown): value is ProviderPlugin {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[pluginMarker] === true
  );
}
