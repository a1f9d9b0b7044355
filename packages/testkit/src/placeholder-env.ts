import { isSecretKey, type ProviderPlugin, providerEnvName } from '@genhub/core';

type SettingSchema = { safeParse(value: unknown): { success: boolean } };

/**
 * `GENHUB_<ID>_<KEY>` variables that configure each plugin with placeholders: every setting its
 * config schema requires (no default, not optional) gets a value, so the plugin reports ready and
 * lists its models. A schema that wants one of several optional settings (an API key or a key file)
 * requires none of them alone: when the required ones do not satisfy it, its secret-named settings
 * (`apiKey`) get a value too, and then its URL settings (`sam2Url`, for a plugin enabled by any one
 * of its servers' URLs). A setting named like a URL gets an unroutable `http://placeholder-<id>.invalid`
 * link. For tests that need many providers configured at once and call none of them.
 */
export function placeholderEnv(plugins: readonly ProviderPlugin[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const plugin of plugins) {
    const shape = (plugin.config as { shape?: Record<string, SettingSchema> }).shape ?? {};
    const placeholder = (key: string) =>
      isUrlKey(key)
        ? `http://placeholder-${plugin.id}.invalid`
        : `placeholder-${plugin.id}-${key}-0123456789`;
    const settings: Record<string, string> = {};
    for (const [key, schema] of Object.entries(shape)) {
      if (!schema.safeParse(undefined).success) settings[key] = placeholder(key);
    }
    if (!plugin.config.safeParse(settings).success) {
      for (const key of Object.keys(shape)) if (isSecretKey(key)) settings[key] ??= placeholder(key);
    }
    if (!plugin.config.safeParse(settings).success) {
      for (const key of Object.keys(shape)) if (isUrlKey(key)) settings[key] ??= placeholder(key);
    }
    for (const [key, value] of Object.entries(settings)) env[providerEnvName(plugin.id, key)] = value;
  }
  return env;
}

/** `baseUrl`, `sam2Url`: settings that hold a link. */
function isUrlKey(key: string): boolean {
  return /(^u|U)rl$/.test(key);
}
