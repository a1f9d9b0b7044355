import { describe, expect, it } from 'vitest';
import { Redactor } from '../logging/redactor.js';
import { errorTable } from './error-table.js';

const mapErrors = errorTable('acme', [
  { status: 400, providerCode: 'content_policy_violation', code: 'CONTENT_REJECTED' },
  {
    status: 404,
    code: 'PROVIDER_UNAVAILABLE',
    retryable: false,
    details: { reason: 'misconfigured', setting: 'GENHUB_ACME_BASE_URL' },
  },
  { message: /quota/i, code: 'INSUFFICIENT_FUNDS', retryable: false },
]);

const body = (json: unknown) => JSON.stringify(json);

describe('errorTable', () => {
  it('maps by status and provider code, keeping the provider words for users', () => {
    const error = mapErrors(
      400,
      {},
      body({ error: { code: 'content_policy_violation', message: 'Blocked by safety' } }),
    );
    expect(error).toMatchObject({
      code: 'CONTENT_REJECTED',
      status: 400,
      provider: 'acme',
      details: { providerCode: 'content_policy_violation', providerMessage: 'Blocked by safety' },
    });
    expect(error.message).toContain('acme answered HTTP 400');
  });

  it('names the setting to check for an endpoint that does not exist', () => {
    const error = mapErrors(404, {}, body({ detail: 'Not Found' }));
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: false, beforeAcceptance: true });
    expect(error.details).toMatchObject({ reason: 'misconfigured', setting: 'GENHUB_ACME_BASE_URL' });
  });

  it('matches on the message, and falls back to the status mapping', () => {
    expect(mapErrors(403, {}, body({ message: 'Monthly quota exceeded' })).code).toBe('INSUFFICIENT_FUNDS');
    const limited = mapErrors(429, { 'retry-after': '7' }, body({ error: 'slow down' }));
    expect(limited).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 7 });
    expect(mapErrors(503, {}, '').code).toBe('PROVIDER_UNAVAILABLE');
  });

  it('matches a class of statuses and waits as the rule says when the provider does not', () => {
    const busy = errorTable('acme', [
      { status: '5xx', code: 'PROVIDER_UNAVAILABLE', retryAfterSeconds: 30, beforeAcceptance: true },
    ]);
    expect(busy(502, {}, '')).toMatchObject({ retryAfterSeconds: 30, beforeAcceptance: true, status: 502 });
    expect(busy(503, { 'retry-after': '5' }, '').retryAfterSeconds).toBe(5);
    expect(busy(400, {}, '').beforeAcceptance).toBe(true);
    expect(busy(400, {}, '').retryAfterSeconds).toBeUndefined();
  });

  it('reads a one-word error as the provider code', () => {
    const quantity = errorTable('acme', [{ providerCode: 'QUANTITY_TOO_HIGH', code: 'INVALID_INPUT' }]);
    expect(quantity(422, {}, body({ error: 'QUANTITY_TOO_HIGH' }))).toMatchObject({
      code: 'INVALID_INPUT',
      details: { providerCode: 'QUANTITY_TOO_HIGH' },
    });
  });

  it('redacts secrets in the quoted words', () => {
    const error = mapErrors(
      400,
      {},
      body({ error: { code: 'content_policy_violation', message: 'key sk-live-123456 refused' } }),
      {
        redactor: new Redactor(['sk-live-123456']),
      },
    );
    expect(JSON.stringify(error.toJSON())).not.toContain('sk-live-123456');
  });
});
