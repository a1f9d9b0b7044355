import { type ErrorRule, errorTable, failureTable } from '@genhub/provider';

/**
 * BFL's refusals in GenHub's terms, for refused requests and failed tasks alike. BFL answers errors
 * as FastAPI does (`{ "detail": ... }`) with the documented statuses (400, 402, 403, 422, 429, 500,
 * 503), which core already maps by status; only what the status does not say is listed here.
 */
const rules: ErrorRule[] = [
  // Moderation: a task's `Request Moderated` / `Content Moderated`, or a refusal that says so.
  { providerCode: /moderated/i, code: 'CONTENT_REJECTED', retryable: false },
  { message: /moderat|nsfw|safety|content polic/i, code: 'CONTENT_REJECTED', retryable: false },
  // BFL's 429 means too many active tasks; one finishes within seconds.
  { status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 10 },
  // An expired or unknown task cannot come back by asking again.
  { providerCode: 'Task not found', code: 'PROVIDER_UNAVAILABLE', retryable: false },
];

/** A non-2xx answer from BFL as a GenHubError. */
export const bflRequestErrors = errorTable('bfl', rules);

/** A task BFL reports as moderated, failed or unknown, as a GenHubError. */
export const bflTaskFailure = failureTable('bfl', rules);
