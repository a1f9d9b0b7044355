import { describe, expect, it } from 'vitest';
import { GenHubError } from './genhub-error.js';

describe('GenHubError', () => {
  it('counts a refusal or a 4xx as before acceptance, anything else as an unknown outcome', () => {
    expect(new GenHubError('RATE_LIMITED', 'slow down').beforeAcceptance).toBe(true);
    expect(new GenHubError('INVALID_INPUT', 'bad').beforeAcceptance).toBe(true);
    expect(new GenHubError('PROVIDER_UNAVAILABLE', 'x', { status: 409 }).beforeAcceptance).toBe(true);
    expect(new GenHubError('PROVIDER_UNAVAILABLE', 'x', { status: 500 }).beforeAcceptance).toBe(false);
    expect(new GenHubError('TIMEOUT', 'slow').beforeAcceptance).toBe(false);
    expect(new GenHubError('TIMEOUT', 'x', { beforeAcceptance: true }).beforeAcceptance).toBe(true);
    expect(new GenHubError('AUTH', 'x', { beforeAcceptance: false }).beforeAcceptance).toBe(false);
  });

  it('takes retryable from the code unless told otherwise', () => {
    expect(new GenHubError('RATE_LIMITED', 'slow down').retryable).toBe(true);
    expect(new GenHubError('PROVIDER_UNAVAILABLE', 'down').retryable).toBe(true);
    expect(new GenHubError('CONTENT_REJECTED', 'no').retryable).toBe(false);
    expect(new GenHubError('INTERNAL', 'x', { retryable: true }).retryable).toBe(true);
  });

  it('is recognised across copies of the package by its marker', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('genhub.error')]: true });
    expect(GenHubError.isInstance(foreign)).toBe(true);
    expect(GenHubError.isInstance(new Error('x'))).toBe(false);
    expect(GenHubError.isInstance(null)).toBe(false);
  });

  it('survives a JSON round trip, as a persisted job needs', () => {
    const error = new GenHubError('RATE_LIMITED', 'Too many requests', {
      retryAfterSeconds: 30,
      provider: 'ainative',
      status: 429,
      details: { limit: 5 },
    });
    const back = GenHubError.fromJSON(JSON.parse(JSON.stringify(error)));
    expect(back.toJSON()).toEqual(error.toJSON());
    expect(back.retryAfterSeconds).toBe(30);
  });

  it('wraps foreign failures: aborts become CANCELLED, the rest INTERNAL', () => {
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    expect(GenHubError.from(abort).code).toBe('CANCELLED');
    expect(GenHubError.from(new TypeError('boom')).code).toBe('INTERNAL');
    expect(GenHubError.from('text', 'PROVIDER_UNAVAILABLE').code).toBe('PROVIDER_UNAVAILABLE');
  });
});
