/**
 * Whether the API key may be sent to a `polling_url` BFL answered with. BFL routes a task to a
 * regional cluster (`https://api.eu2.bfl.ai/v1/get_result?id=...`), so the URL is often on another
 * host than the base URL. The key goes only to BFL's own hosts over https (`bfl.ai`, `bfl.ml` and
 * their subdomains) or to the host of the configured base URL (a proxy; any port, so a test fake
 * on 127.0.0.1 may stand in for the regional host). Any other URL is not followed.
 */
export function isTrustedPollingUrl(pollingUrl: string, baseUrl: string): boolean {
  let url: URL;
  let base: URL;
  try {
    url = new URL(pollingUrl);
    base = new URL(baseUrl);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.hostname === base.hostname && url.protocol === base.protocol) return true;
  return url.protocol === 'https:' && /(^|\.)bfl\.(ai|ml)$/i.test(url.hostname);
}
