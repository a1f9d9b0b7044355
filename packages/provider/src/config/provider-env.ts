/** The environment variables of a plugin's settings: `GENHUB_<ID>_<KEY>`. */

/** `gateai` -> `GENHUB_GATEAI_`; `local-gpu` -> `GENHUB_LOCAL_GPU_`. */
export function providerEnvPrefix(pluginId: string): string {
  return `GENHUB_${pluginId.toUpperCase().replace(/-/g, '_')}_`;
}

/** `apiKey` -> `GENHUB_GATEAI_API_KEY` for plugin `gateai`. */
export function providerEnvName(pluginId: string, key: string): string {
  return providerEnvPrefix(pluginId) + key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** `API_KEY` -> `apiKey`. */
export function envSuffixToKey(suffix: string): string {
  return suffix.toLowerCase().replace(/_([a-z0-9])/g, (_, char: string) => char.toUpperCase());
}

/** A plugin's settings from `GENHUB_<ID>_<KEY>` variables, as strings keyed in camelCase. */
export function providerSettingsFromEnv(
  pluginId: string,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const prefix = providerEnvPrefix(pluginId);
  const settings: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value === '' || !name.startsWith(prefix)) continue;
    settings[envSuffixToKey(name.slice(prefix.length))] = value;
  }
  return settings;
}
