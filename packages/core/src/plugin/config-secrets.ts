import { isSecretKey } from '@genhub/provider';

/**
 * The string values of a plugin configuration whose keys name a secret (`apiKey`, `botToken`,
 * `clientSecret`, ...), at any depth. Core redacts them from every log line and error message.
 */
export function collectSecrets(config: unknown): string[] {
  const found: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, key: string | undefined): void => {
    if (typeof value === 'string') {
      if (key !== undefined && isSecretKey(key) && value.length > 0) found.push(value);
      return;
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item, key);
      return;
    }
    for (const [childKey, child] of Object.entries(value)) visit(child, childKey);
  };
  visit(config, undefined);
  return found;
}
