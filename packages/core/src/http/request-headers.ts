import { isSecretKey } from '@genhub/provider';

/**
 * Merges header layers into one record with lower-case names; a later layer wins over an earlier
 * one whatever the case of its names.
 */
export function mergeHeaders(
  ...layers: readonly (Readonly<Record<string, string>> | undefined)[]
): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const layer of layers) {
    for (const [name, value] of Object.entries(layer ?? {})) merged[name.toLowerCase()] = value;
  }
  return merged;
}

/**
 * Values of credential headers (`authorization`, `x-api-key`, …) so they can be redacted even when
 * the caller did not list them as secrets. For `Bearer abc…` both the whole value and the token count.
 */
export function secretsInHeaders(headers: Readonly<Record<string, string>> | undefined): string[] {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!isSecretKey(name)) continue;
    secrets.push(value);
    const token = /^\s*\S+\s+(\S+)\s*$/.exec(value)?.[1];
    if (token !== undefined) secrets.push(token);
  }
  return secrets;
}
