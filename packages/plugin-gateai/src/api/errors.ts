import {
  type ErrorMapper,
  errorTable,
  failureTable,
  GenHubError,
  lenient,
  nonBlank,
  type Redactor,
} from '@genhub/provider';
import { z } from 'zod';
import { GateAiLimits } from '../models/param-schema.js';

const PROVIDER = 'gateai';
const IN_FLIGHT = /concurren|in.?flight|slot/i;
const WINDOW = /window|per\s*\d+\s*s/i;
const FUNDS = /budget|insufficient|\bcredits?\b/i;

/**
 * GateAI's non-2xx answers, over core's status mapping (401/403 AUTH, 402 INSUFFICIENT_FUNDS, 429
 * RATE_LIMITED with Retry-After or the body's `retry_after`, other 4xx INVALID_INPUT, 5xx
 * PROVIDER_UNAVAILABLE), refined by the codes the document names: the request limits name their
 * parameter, both rate limits (5 in flight, 5 per 30 s) say which, 404 "Model not found" is
 * MODEL_NOT_FOUND and an exhausted daily budget INSUFFICIENT_FUNDS.
 */
const httpErrors = errorTable(PROVIDER, [
  {
    providerCode: 'PROMPT_TOO_LONG',
    code: 'INVALID_INPUT',
    details: { param: 'prompt', max: GateAiLimits.promptMaxLength },
  },
  {
    providerCode: 'QUANTITY_TOO_HIGH',
    code: 'INVALID_INPUT',
    details: { param: 'quantity', max: GateAiLimits.maxQuantity },
  },
  {
    providerCode: 'RATE_LIMITED',
    message: IN_FLIGHT,
    code: 'RATE_LIMITED',
    details: { reason: 'in-flight' },
  },
  { providerCode: 'RATE_LIMITED', message: WINDOW, code: 'RATE_LIMITED', details: { reason: 'rate' } },
  { providerCode: 'RATE_LIMITED', code: 'RATE_LIMITED' },
  { status: 404, message: /model not found/i, code: 'MODEL_NOT_FOUND', retryable: false },
  { providerCode: /BUDGET/, code: 'INSUFFICIENT_FUNDS', retryable: false },
  { status: [400, 404, 409, 422], message: FUNDS, code: 'INSUFFICIENT_FUNDS', retryable: false },
]);

/** What a 404 "Model not found" suggests instead. */
const notFoundBody = z.object({ suggestions: z.array(z.string()) });

/** GateAI's non-2xx answers as GenHubErrors; a missing model's suggestions become `gateai/<id>`. */
export const gateAiHttpError: ErrorMapper = (status, headers, bodyText, options) => {
  const error = httpErrors(status, headers, bodyText, options);
  if (error.code !== 'MODEL_NOT_FOUND') return error;
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return error;
  }
  const suggestions = notFoundBody.safeParse(body).data?.suggestions ?? [];
  return new GenHubError(error.code, error.message, {
    status,
    provider: PROVIDER,
    retryable: false,
    suggestions: suggestions.map((id) => `gateai/${id.toLowerCase()}`),
    details: error.details,
    cause: error,
  });
};

/**
 * A task GateAI answered FAILED: its hard limit ("Generation timed out (40 min hard limit)") is
 * TIMEOUT, a safety refusal CONTENT_REJECTED, a budget failure INSUFFICIENT_FUNDS, anything else
 * PROVIDER_UNAVAILABLE.
 */
const taskErrors = failureTable(PROVIDER, [
  { message: /timed?\s*out|time limit|40\s*min/i, code: 'TIMEOUT' },
  {
    message:
      /nsfw|safety|moderat|content[\s_-]*polic|inappropriate|prohibited|flagged|blocked|sensitive|violat/i,
    code: 'CONTENT_REJECTED',
  },
  { message: /budget|insufficient|credits?\b/i, code: 'INSUFFICIENT_FUNDS', retryable: false },
]);

/** The `error` of a FAILED task: a sentence, or an object with a `message`. */
const taskErrorWords = z.union([
  nonBlank,
  z.object({ message: nonBlank }).transform((error) => error.message),
]);

/** The GenHubError for a task GateAI answered FAILED, quoting its error with the key redacted. */
export function gateAiTaskError(error: unknown, taskId: string, redactor: Redactor): GenHubError {
  const words = lenient(taskErrorWords).parse(error);
  return taskErrors(
    {
      summary: 'GateAI could not finish the generation',
      ...(words === undefined ? {} : { words }),
      details: { taskId },
    },
    { redactor },
  );
}
