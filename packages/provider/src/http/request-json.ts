import type { z } from 'zod';
import { GenHubError } from '../errors/genhub-error.js';
import type { Redactor } from '../logging/redactor.js';
import { errorFromResponse } from './error-from-response.js';
import type { ErrorMapper } from './error-table.js';
import type { HttpClient, HttpRequest } from './http-client.js';

export interface RequestJsonOptions {
  /** Named in errors, such as `gateai`. */
  provider: string;
  /** The provider's error table (`errorTable`); core's mapping by status otherwise. */
  errors?: ErrorMapper;
  /** Hides secrets in quoted provider messages. */
  redactor?: Redactor;
}

/**
 * Sends a request and returns its 2xx JSON body parsed by `schema`, typed. A non-2xx answer becomes
 * the provider's GenHubError; a body that is not JSON, or not what the schema says, is
 * PROVIDER_UNAVAILABLE naming the first field that is wrong. Bodies are read with the client's cap.
 */
export async function requestJson<Schema extends z.ZodType>(
  http: HttpClient,
  request: HttpRequest,
  schema: Schema,
  options: RequestJsonOptions,
): Promise<z.output<Schema>> {
  const { provider } = options;
  const what = `${request.method ?? 'GET'} ${request.url.split('?')[0]}`;
  const response = await http.request(request);
  const text = await response.text();
  if (response.status < 200 || response.status >= 300) {
    const map =
      options.errors ?? ((status, headers, body, o) => errorFromResponse(status, headers, body, provider, o));
    throw map(response.status, response.headers, text, {
      request: what,
      ...(options.redactor === undefined ? {} : { redactor: options.redactor }),
    });
  }
  let body: unknown;
  try {
    body = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    throw new GenHubError(
      'PROVIDER_UNAVAILABLE',
      `${provider} answered ${what} with a body that is not JSON.`,
      {
        provider,
        status: response.status,
      },
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : ` (${issue.path.join('.') || 'body'}: ${issue.message})`;
    throw new GenHubError(
      'PROVIDER_UNAVAILABLE',
      `${provider} answered ${what} with an unexpected body${where}.`,
      {
        provider,
        status: response.status,
      },
    );
  }
  return parsed.data;
}
