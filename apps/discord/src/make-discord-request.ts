import { DefaultRestOptions, type RESTOptions } from 'discord.js';

type MakeRequest = RESTOptions['makeRequest'];

/**
 * discord.js's REST requests, with files encoded before they leave. discord.js hands a `FormData`
 * to its own undici, whose requests go through the process-wide dispatcher; when GenHub's core
 * (another undici major version) installed that dispatcher first, it cannot read the foreign
 * `FormData` and every upload fails ("action is not a function"). Bytes work with any version.
 */
export const makeDiscordRequest: MakeRequest = async (url, init) => {
  if (!(init.body instanceof FormData)) return DefaultRestOptions.makeRequest(url, init);
  const encoded = new Response(init.body);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries((init.headers ?? {}) as Record<string, string>))
    headers[name] = value;
  headers['Content-Type'] = encoded.headers.get('content-type') ?? 'multipart/form-data';
  return DefaultRestOptions.makeRequest(url, {
    ...init,
    headers,
    body: new Uint8Array(await encoded.arrayBuffer()),
  });
};
