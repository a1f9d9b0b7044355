import { type ErrorMapper, type ErrorRule, errorTable, failureTable, GenHubError } from '@genhub/provider';
import { z } from 'zod';

/** Named in errors and logs. */
export const PROVIDER = 'google';

/**
 * The Gemini API's failures in GenHub's terms, for refused requests (`{ error: { code, message,
 * status } }` with an HTTP status) and for failed operations (`error: { code, message }`, a
 * google.rpc.Code number) alike. The first rule that matches decides.
 */
const rules: ErrorRule[] = [
  // A wrong key is answered 400 INVALID_ARGUMENT, "API key not valid. Please pass a valid API key."
  {
    message: /API key not valid|API_KEY_INVALID/i,
    code: 'AUTH',
    retryable: false,
    details: { reason: 'misconfigured', setting: 'GENHUB_GOOGLE_API_KEY' },
  },
  // The OAuth token endpoint refusing a service account's signed assertion (Vertex AI mode).
  {
    providerCode: /^(invalid_grant|invalid_client|unauthorized_client|access_denied)$/,
    code: 'AUTH',
    retryable: false,
    details: { reason: 'misconfigured', setting: 'GENHUB_GOOGLE_SERVICE_ACCOUNT_KEY_FILE' },
  },
  // Safety refusals, of the prompt or of the input images (Responsible AI filters).
  {
    message:
      /safety|responsible ai|usage guidelines|raiMediaFiltered|sensitive|harmful|celebrit|prohibited content/i,
    code: 'CONTENT_REJECTED',
    retryable: false,
  },
  { status: 400, message: /billing|prepayment|credits/i, code: 'INSUFFICIENT_FUNDS', retryable: false },
  // An operation the API no longer knows (operations are kept for 2 days) or a model it does not list.
  { status: 404, code: 'PROVIDER_UNAVAILABLE', retryable: false },
  // Failed operations carry google.rpc.Code numbers.
  { providerCode: '3', code: 'INVALID_INPUT', retryable: false },
  { providerCode: '4', code: 'TIMEOUT' },
  { providerCode: '7', code: 'AUTH', retryable: false },
  { providerCode: '8', code: 'RATE_LIMITED', retryAfterSeconds: 60 },
];

const byTable = errorTable(PROVIDER, rules);

/** A failed operation as a GenHubError. */
export const operationFailure = failureTable(PROVIDER, rules);

/** The retry hint Google puts in an error's details: `{ "@type": "...RetryInfo", "retryDelay": "23s" }`. */
const retryInfo = z.object({
  error: z.object({
    details: z.array(z.object({ '@type': z.string().optional(), retryDelay: z.string().optional() }).loose()),
  }),
});

function retryDelaySeconds(bodyText: string): number | undefined {
  try {
    const parsed = retryInfo.safeParse(JSON.parse(bodyText));
    const delay = parsed.data?.error.details.find((d) => d['@type']?.endsWith('RetryInfo'))?.retryDelay;
    const seconds = delay === undefined ? Number.NaN : Number.parseFloat(delay);
    return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Gemini API's non-2xx answers: the table above, and for a rate limit the wait Google names in
 * its RetryInfo detail when no Retry-After header says it.
 */
export const requestErrors: ErrorMapper = (status, headers, bodyText, options) => {
  const error = byTable(status, headers, bodyText, options);
  if (error.code !== 'RATE_LIMITED' || error.retryAfterSeconds !== undefined) return error;
  const retryAfterSeconds = retryDelaySeconds(bodyText);
  if (retryAfterSeconds === undefined) return error;
  return new GenHubError(error.code, error.message, {
    retryable: error.retryable,
    retryAfterSeconds,
    status,
    provider: PROVIDER,
    details: error.details,
    cause: error,
  });
};
