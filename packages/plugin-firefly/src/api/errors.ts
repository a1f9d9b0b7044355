import {
  type ErrorMapper,
  type ErrorRule,
  errorTable,
  failureTable,
  lenient,
  nonBlank,
  providerEnvName,
} from '@genhub/provider';
import { z } from 'zod';
import { FIREFLY_ID } from '../config.js';

const credentials = {
  reason: 'misconfigured',
  setting: `${providerEnvName(FIREFLY_ID, 'clientId')} / ${providerEnvName(FIREFLY_ID, 'clientSecret')}`,
};

/**
 * Firefly's `error_code`s in GenHub's terms, for refused requests and failed jobs alike. Unsafe
 * prompts, input or output media are CONTENT_REJECTED (the video API answers them with HTTP 451).
 */
const rules: ErrorRule[] = [
  { providerCode: /unsafe/, code: 'CONTENT_REJECTED', retryable: false },
  { status: 451, code: 'CONTENT_REJECTED', retryable: false },
  { providerCode: 'access_error', code: 'AUTH', retryable: false, details: credentials },
  { providerCode: 'backpressure_limited', code: 'RATE_LIMITED', retryAfterSeconds: 10 },
  {
    providerCode: 'language_not_supported',
    code: 'INVALID_INPUT',
    retryable: false,
    details: { param: 'prompt' },
  },
  { providerCode: /^timeout/, code: 'TIMEOUT' },
];

/** IMS answers OAuth's `{ error, error_description }`; a refused credential stops every call. */
export const tokenErrors = errorTable(FIREFLY_ID, [
  {
    providerCode: /invalid_client|unauthorized_client|invalid_scope/,
    code: 'AUTH',
    retryable: false,
    details: credentials,
  },
]);

const fireflyTable = errorTable(FIREFLY_ID, rules);

/** A failed job, in Firefly's words. */
export const jobFailure = failureTable(FIREFLY_ID, rules);

/** The documented error body: `{ error_code, message, validation_errors: [{ loc, msg, type }] }`. */
const errorBody = z.object({
  error_code: nonBlank,
  message: lenient(nonBlank),
  validation_errors: lenient(
    z.array(z.object({ loc: z.array(z.union([z.string(), z.number()])).default([]), msg: nonBlank })),
  ),
});

/** The words of an error body: its message and its first validation error, with where it is. */
export function errorWords(body: z.output<typeof errorBody>): string | undefined {
  const first = body.validation_errors?.[0];
  const where =
    first === undefined
      ? undefined
      : `${first.loc.filter((part) => part !== 'body').join('.')}: ${first.msg}`;
  const words = [body.message, where].filter((part) => part !== undefined).join(' ');
  return words === '' ? undefined : words;
}

export const fireflyErrorBody = errorBody;

/** Maps a Firefly non-2xx answer to a GenHubError, reading `error_code` as the provider's code. */
export const requestErrors: ErrorMapper = (status, headers, bodyText, options) => {
  let normalised = bodyText;
  try {
    const parsed = errorBody.safeParse(JSON.parse(bodyText));
    if (parsed.success) {
      normalised = JSON.stringify({
        error: { code: parsed.data.error_code, message: errorWords(parsed.data) },
      });
    }
  } catch {
    // Not JSON: the shared reader quotes it as text.
  }
  return fireflyTable(status, headers, normalised, options);
};
