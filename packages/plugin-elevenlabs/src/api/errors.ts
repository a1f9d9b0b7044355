import {
  type ErrorMapper,
  type ErrorRule,
  errorTable,
  lenient,
  nonBlank,
  providerEnvName,
} from '@genhub/provider';
import { z } from 'zod';
import { ELEVENLABS_ID } from '../config.js';

/**
 * ElevenLabs' error codes in GenHub's terms. The API answers `{ detail: { type, code, message,
 * status, request_id, param } }` (`status` is the legacy name of `code`); validation failures of the
 * request body come as FastAPI's `{ detail: [{ loc, msg, type }] }`, and the HTTP status decides.
 */
const rules: ErrorRule[] = [
  {
    providerCode: 'invalid_api_key',
    code: 'AUTH',
    retryable: false,
    details: { reason: 'misconfigured', setting: providerEnvName(ELEVENLABS_ID, 'apiKey') },
  },
  {
    providerCode: /^quota_exceeded$|insufficient_credits|payment_required/,
    code: 'INSUFFICIENT_FUNDS',
    retryable: false,
  },
  {
    providerCode: /voice_not_found|voice_not_fine_tuned/,
    code: 'INVALID_INPUT',
    details: { param: 'voice' },
  },
  {
    providerCode: /max_character_limit_exceeded|text_too_long/,
    code: 'INVALID_INPUT',
    details: { param: 'prompt' },
  },
  // The music API refuses prompts naming artists or songs, and says what to ask instead.
  {
    providerCode: /bad_prompt|bad_composition_plan|content_policy|moderation|safety/,
    code: 'CONTENT_REJECTED',
    retryable: false,
  },
  {
    message: /terms of service|content policy|copyright|prohibited|moderation|safety/i,
    code: 'CONTENT_REJECTED',
    retryable: false,
  },
  // Too many requests at once: wait for one to finish.
  {
    providerCode: /concurrent_limit_exceeded|too_many_concurrent_requests|system_busy|rate_limit_exceeded/,
    code: 'RATE_LIMITED',
    retryAfterSeconds: 5,
  },
];

const table = errorTable(ELEVENLABS_ID, rules);

/** The documented error body; anything else is left to the shared reader. */
const errorBody = z.object({
  detail: z.object({
    code: lenient(nonBlank),
    status: lenient(nonBlank),
    type: lenient(nonBlank),
    message: lenient(nonBlank),
    param: lenient(nonBlank),
    data: lenient(z.object({ prompt_suggestion: lenient(nonBlank) })),
  }),
});

/**
 * The body in the shape GenHub's error table reads (`{ error: { code, message } }`), keeping the
 * music API's suggested prompt in the message so users see what would be accepted.
 */
function normalised(bodyText: string): string {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return bodyText;
  }
  const parsed = errorBody.safeParse(json);
  if (!parsed.success) return bodyText;
  const { code, status, type, message, data } = parsed.data.detail;
  const suggestion = data?.prompt_suggestion;
  const words = [message, suggestion === undefined ? undefined : `Try instead: ${suggestion}`]
    .filter((part) => part !== undefined)
    .join(' ');
  return JSON.stringify({
    error: { code: code ?? status ?? type, message: words === '' ? undefined : words },
  });
}

/** Maps an ElevenLabs non-2xx answer to a GenHubError. */
export const requestErrors: ErrorMapper = (status, headers, bodyText, options) =>
  table(status, headers, normalised(bodyText), options);
