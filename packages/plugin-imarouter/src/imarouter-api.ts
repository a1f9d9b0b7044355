import { type HttpClient, type HttpRequest, Redactor, requestJson } from '@genhub/provider';
import type { z } from 'zod';

/** A JSON call to imarouter, its answer read by `schema`; non-2xx answers are mapped by status. */
export type ImarouterCall = <Schema extends z.ZodType>(
  request: HttpRequest,
  schema: Schema,
) => Promise<z.output<Schema>>;

/** imarouter on `http`: the key sent as a Bearer token and kept out of logs and errors. */
export function imarouterApi(
  http: HttpClient,
  config: { apiKey: string; baseUrl: string },
): { http: HttpClient; call: ImarouterCall } {
  const api = http.withDefaults({
    baseUrl: config.baseUrl.replace(/\/+$/, ''),
    headers: { authorization: `Bearer ${config.apiKey}` },
    secrets: [config.apiKey],
    provider: 'imarouter',
  });
  const redactor = new Redactor([config.apiKey]);
  return {
    http: api,
    call: (request, schema) => requestJson(api, request, schema, { provider: 'imarouter', redactor }),
  };
}
