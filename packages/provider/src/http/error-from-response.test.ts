import { describe, expect, it } from 'vitest';
import { Redactor } from '../logging/redactor.js';
import { errorFromResponse } from './error-from-response.js';

describe('errorFromResponse', () => {
  it.each([
    [400, 'INVALID_INPUT', false],
    [401, 'AUTH', false],
    [402, 'INSUFFICIENT_FUNDS', false],
    [403, 'AUTH', false],
    [404, 'INVALID_INPUT', false],
    [408, 'TIMEOUT', true],
    [409, 'INVALID_INPUT', false],
    [413, 'INVALID_INPUT', false],
    [422, 'INVALID_INPUT', false],
    [429, 'RATE_LIMITED', true],
    [500, 'PROVIDER_UNAVAILABLE', true],
    [502, 'PROVIDER_UNAVAILABLE', true],
    [503, 'PROVIDER_UNAVAILABLE', true],
    [504, 'PROVIDER_UNAVAILABLE', true],
    [302, 'PROVIDER_UNAVAILABLE', false],
  ] as const)('maps HTTP %i to %s (retryable: %s)', (status, code, retryable) => {
    const error = errorFromResponse(status, {}, '', 'gateai');
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.status).toBe(status);
    expect(error.provider).toBe('gateai');
    expect(error.message).toContain(`HTTP ${status}`);
  });

  it("says 'not found' for 404", () => {
    expect(errorFromResponse(404, {}, '').message).toContain('not found');
  });

  it('reads Retry-After as seconds or an HTTP-date', () => {
    expect(errorFromResponse(429, { 'retry-after': '12' }, '').retryAfterSeconds).toBe(12);
    const now = Date.UTC(2030, 0, 1, 0, 0, 0);
    const date = new Date(now + 30_000).toUTCString();
    expect(
      errorFromResponse(429, { 'Retry-After': date }, '', undefined, { nowMs: now }).retryAfterSeconds,
    ).toBe(30);
    expect(errorFromResponse(429, {}, '').retryAfterSeconds).toBeUndefined();
  });

  it('takes the wait from a retry_after field when there is no Retry-After header', () => {
    expect(errorFromResponse(429, {}, '{"error":"slow down","retry_after":7.2}').retryAfterSeconds).toBe(8);
    expect(errorFromResponse(429, { 'retry-after': '3' }, '{"retry_after":60}').retryAfterSeconds).toBe(3);
    expect(errorFromResponse(429, {}, '{"retry_after":"soon"}').retryAfterSeconds).toBeUndefined();
  });

  it.each([
    ['{"error":"model busy"}', 'model busy'],
    ['{"message":"prompt too long"}', 'prompt too long'],
    ['{"detail":"no such model"}', 'no such model'],
    ['{"error":{"message":"quota exceeded","code":"quota"}}', 'quota exceeded'],
    ['{"detail":[{"msg":"field required"},{"msg":"bad size"}]}', 'field required; bad size'],
    ['{"error":"invalid_request","error_description":"bad scope"}', 'invalid_request: bad scope'],
    ['plain words', 'plain words'],
  ])('quotes the provider message from %s', (body, expected) => {
    expect(errorFromResponse(400, {}, body).message).toContain(expected);
  });

  it('leaves out HTML and unknown JSON', () => {
    const html = errorFromResponse(502, {}, '<html><body>Bad Gateway</body></html>', 'x');
    expect(html.message).toBe('x answered HTTP 502 (bad gateway).');
    expect(errorFromResponse(500, {}, '{"foo":1}').message).toBe(
      'The provider answered HTTP 500 (internal server error).',
    );
  });

  it('cuts long provider messages to 300 characters', () => {
    const error = errorFromResponse(400, {}, JSON.stringify({ message: 'x'.repeat(1000) }));
    const quoted = error.message.split(': ')[1] ?? '';
    expect(quoted.length).toBe(300);
    expect(quoted.endsWith('…')).toBe(true);
  });

  it('redacts secrets and credential shapes in the quoted message, before cutting it', () => {
    const redactor = new Redactor(['my-secret-value-123']);
    const body = JSON.stringify({
      error: { message: `${'y'.repeat(290)} my-secret-value-123 sk-abcdefghijklmnopqrstuvwx` },
    });
    const error = errorFromResponse(401, {}, body, 'p', {
      redactor,
      request: 'GET https://h/x?api_key=abc123456',
    });
    expect(error.message).not.toContain('my-secret');
    expect(error.message).not.toContain('sk-abc');
    expect(error.message).not.toContain('abc123456');
    expect(error.message).toContain('api_key=[REDACTED]');
  });

  it('keeps a short provider error code in details', () => {
    const error = errorFromResponse(400, {}, '{"error":{"message":"no","type":"invalid_request_error"}}');
    expect(error.details).toEqual({ providerCode: 'invalid_request_error' });
  });

  it('gives a numeric provider code as its digits', () => {
    const error = errorFromResponse(400, {}, '{"code":1301,"message":"content security policy"}');
    expect(error.details).toEqual({ providerCode: '1301' });
  });
});
