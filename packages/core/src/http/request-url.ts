import type { HttpRequest } from '@genhub/provider';
import { GenHubError } from '@genhub/provider';

const ABSOLUTE = /^[a-z][a-z\d+\-.]*:/i;

/**
 * The URL a request goes to.
 *
 * An absolute `url` (with a scheme) is used as it is. A relative one is appended to the base path:
 * `https://x/api` or `https://x/api/` joined with `v1/a` or `/v1/a` gives `https://x/api/v1/a`.
 * Unlike `new URL(path, base)`, a leading slash does not climb back to the origin's root (`../`
 * still does). Query parameters written in `baseUrl` are kept unless the path sets the same name.
 * Finally `query` is appended; undefined values are skipped.
 */
export function buildUrl(url: string, baseUrl: string | undefined, query: HttpRequest['query']): URL {
  const result = ABSOLUTE.test(url) ? new URL(url) : joinBase(url, baseUrl);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) result.searchParams.append(name, String(value));
  }
  return result;
}

function joinBase(path: string, baseUrl: string | undefined): URL {
  if (baseUrl === undefined) {
    throw new GenHubError('INTERNAL', `Relative URL "${path}" needs a client with a baseUrl.`);
  }
  const base = new URL(baseUrl);
  const directory = new URL(base.href);
  directory.search = '';
  directory.hash = '';
  if (!directory.pathname.endsWith('/')) directory.pathname = `${directory.pathname}/`;
  const result = new URL(path.replace(/^\/+/, ''), directory);
  for (const [name, value] of base.searchParams) {
    if (!result.searchParams.has(name)) result.searchParams.append(name, value);
  }
  return result;
}
