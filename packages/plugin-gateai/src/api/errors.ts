import { errorFromResponse, GenHubError, type Redactor } from '@genhub/provider';

const PROVIDER = 'gateai';

function parseBody(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** GateAI's machine-readable error codes in a body (`code`, `error`, `error.code`, `type`): UPPER_SNAKE words. */
function codesIn(body: Record<string, unknown> | undefined): string[] {
  if (!body) return [];
  const nested =
    typeof body.error === 'object' && body.error !== null ? (body.error as Record<string, unknown>) : {};
  return [body.code, body.error, body.type, nested.code, nested.type]
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter((v) => /^[A-Z][A-Z0-9_]{2,}$/.test(v));
}

function seconds(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.ceil(n) : undefined;
}

/**
 * The GenHubError for GateAI's non-2xx answer. Core's status mapping (401/403 AUTH, 402
 * INSUFFICIENT_FUNDS, 429 RATE_LIMITED with Retry-After, other 4xx INVALID_INPUT, 5xx
 * PROVIDER_UNAVAILABLE), refined by what the document names:
 *
 * - `PROMPT_TOO_LONG` and `QUANTITY_TOO_HIGH` are INVALID_INPUT naming the parameter;
 * - `RATE_LIMITED` (5 in flight, 5 per 30 s) is RATE_LIMITED, with `retryAfterSeconds` from the
 *   `Retry-After` header or a `retry_after` field when GateAI gives one;
 * - 404 "Model not found" is MODEL_NOT_FOUND with GateAI's suggestions as `gateai/<id>`;
 * - an exhausted daily budget is INSUFFICIENT_FUNDS.
 *
 * The provider's message is quoted with the API key redacted.
 */
export function gateAiHttpError(
  status: number,
  headers: Readonly<Record<string, string>>,
  bodyText: string,
  request: string,
  redactor: Redactor,
): GenHubError {
  const base = errorFromResponse(status, headers, bodyText, PROVIDER, { redactor, request });
  const body = parseBody(bodyText);
  const codes = codesIn(body);
  const text = `${codes.join(' ')} ${typeof body?.error === 'string' ? body.error : ''} ${
    typeof body?.message === 'string' ? body.message : ''
  }`;
  const common = {
    status,
    provider: PROVIDER,
    cause: base,
    details: { ...base.details, ...(codes[0] === undefined ? {} : { providerCode: codes[0] }) },
  };

  if (codes.includes('PROMPT_TOO_LONG')) {
    return new GenHubError('INVALID_INPUT', base.message, {
      ...common,
      details: { ...common.details, param: 'prompt', max: 1500 },
    });
  }
  if (codes.includes('QUANTITY_TOO_HIGH')) {
    return new GenHubError('INVALID_INPUT', base.message, {
      ...common,
      details: { ...common.details, param: 'quantity', max: 8 },
    });
  }
  if (status === 429 || codes.includes('RATE_LIMITED')) {
    const retryAfter =
      base.retryAfterSeconds ?? seconds(body?.retry_after) ?? seconds(body?.retryAfter) ?? undefined;
    const reason = /concurren|in.?flight|slot/i.test(text)
      ? 'in-flight'
      : /window|per\s*\d+\s*s/i.test(text)
        ? 'rate'
        : undefined;
    return new GenHubError('RATE_LIMITED', base.message, {
      ...common,
      ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
      details: { ...common.details, ...(reason === undefined ? {} : { reason }) },
    });
  }
  if (status === 404 && /model not found/i.test(text)) {
    const suggestions = Array.isArray(body?.suggestions)
      ? body.suggestions
          .filter((s): s is string => typeof s === 'string')
          .map((s) => `gateai/${s.toLowerCase()}`)
      : [];
    return new GenHubError('MODEL_NOT_FOUND', base.message, { ...common, suggestions, retryable: false });
  }
  if (status === 402 || (base.code === 'INVALID_INPUT' && /budget|insufficient|\bcredits?\b/i.test(text))) {
    return new GenHubError('INSUFFICIENT_FUNDS', base.message, { ...common, retryable: false });
  }
  return base;
}

const TIMEOUT = /timed?\s*out|time limit|40\s*min/i;
const REJECTED =
  /nsfw|safety|moderat|content[\s_-]*polic|inappropriate|prohibited|flagged|blocked|sensitive|violat/i;
const FUNDS = /budget|insufficient|credits?\b/i;

/**
 * The GenHubError for a task GateAI answered FAILED. Its hard limit ("Generation timed out (40 min
 * hard limit)") is TIMEOUT; a safety refusal CONTENT_REJECTED; a budget failure INSUFFICIENT_FUNDS;
 * anything else PROVIDER_UNAVAILABLE. The message quotes GateAI's error, redacted.
 */
export function gateAiTaskError(error: unknown, taskId: string, redactor: Redactor): GenHubError {
  const raw =
    typeof error === 'string'
      ? error
      : typeof error === 'object' &&
          error !== null &&
          typeof (error as { message?: unknown }).message === 'string'
        ? (error as { message: string }).message
        : '';
  const said = redactor.redact(raw.replace(/\s+/g, ' ').trim()).slice(0, 300);
  const quoted = said === '' ? '' : `: ${said}`;
  const options = {
    provider: PROVIDER,
    details: { taskId, ...(said === '' ? {} : { providerMessage: said }) },
  };
  if (TIMEOUT.test(said)) {
    return new GenHubError(
      'TIMEOUT',
      `GateAI stopped the generation at its 40-minute hard limit${quoted}`,
      options,
    );
  }
  if (REJECTED.test(said)) {
    return new GenHubError('CONTENT_REJECTED', `GateAI refused the content${quoted}`, options);
  }
  if (FUNDS.test(said)) {
    return new GenHubError('INSUFFICIENT_FUNDS', `GateAI could not pay for the generation${quoted}`, {
      ...options,
      retryable: false,
    });
  }
  return new GenHubError('PROVIDER_UNAVAILABLE', `GateAI could not finish the generation${quoted}`, options);
}
