import { type ProviderPlugin, providerEnvName } from '@genhub/core';

type SettingSchema = { safeParse(value: unknown): { success: boolean } };

/**
 * `GENHUB_<ID>_<KEY>` variables that configure each plugin with placeholders: every setting its
 * config schema requires (no default, not optional) gets a value, so the plugin reports ready and
 * lists its models. For tests that need many providers configured at once and call none of them.
 */
export function placeholderEnv(plugins: readonly ProviderPlugin[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const plugin of plugins) {
    const shape = (plugin.config as { shape?: Record<string, SettingSchema> }).shape ?? {};
    for (const [key, schema] of Object.entries(shape)) {
      if (schema.safeParse(undefined).success) continue;
      env[providerEnvName(plugin.id, key)] = `placeholder-${plugin.id}-${key}-0123456789`;
    }
  }
  return env;
}
