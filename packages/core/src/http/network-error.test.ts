import { errors } from 'undici';
import { describe, expect, it } from 'vitest';
import { errorFromNetwork, type NetworkErrorContext } from './network-error.js';

const context: NetworkErrorContext = {
  label: 'GET https://h/x',
  provider: 'gateai',
  timeouts: { connectMs: 1000, headersMs: 2000, bodyMs: 3000 },
  signal: undefined,
  redact: (text) => text.replaceAll('s3cr3t-value', '[REDACTED]'),
};

function systemError(code: string): Error {
  return Object.assign(new Error(`connect ${code}`), { code });
}

describe('errorFromNetwork', () => {
  it.each([
    [new errors.ConnectTimeoutError(), 'TIMEOUT', true, '1000 ms'],
    [new errors.HeadersTimeoutError(), 'TIMEOUT', true, '2000 ms'],
    [new errors.BodyTimeoutError(), 'TIMEOUT', true, '3000 ms'],
    [systemError('ECONNREFUSED'), 'PROVIDER_UNAVAILABLE', true, 'connection refused'],
    [systemError('ENOTFOUND'), 'PROVIDER_UNAVAILABLE', true, 'host not found'],
    [systemError('ECONNRESET'), 'PROVIDER_UNAVAILABLE', true, 'connection reset'],
    [new errors.SocketError('other side closed'), 'PROVIDER_UNAVAILABLE', true, 'socket error'],
    [new AggregateError([systemError('ECONNREFUSED')]), 'PROVIDER_UNAVAILABLE', true, 'ECONNREFUSED'],
    [new TypeError('x', { cause: systemError('EAI_AGAIN') }), 'PROVIDER_UNAVAILABLE', true, 'DNS'],
    [systemError('CERT_HAS_EXPIRED'), 'PROVIDER_UNAVAILABLE', false, 'TLS'],
    [new errors.InvalidArgumentError('bad header s3cr3t-value'), 'INTERNAL', false, 'bad header [REDACTED]'],
  ] as const)('maps %s to %s', (error, code, retryable, words) => {
    const mapped = errorFromNetwork(error, context);
    expect(mapped.code).toBe(code);
    expect(mapped.retryable).toBe(retryable);
    expect(mapped.provider).toBe('gateai');
    expect(mapped.message).toContain('GET https://h/x');
    expect(mapped.message).toContain(words);
    expect(mapped.message).not.toContain('s3cr3t-value');
  });

  it.each([
    [new errors.ConnectTimeoutError(), true],
    [systemError('ECONNREFUSED'), true],
    [systemError('ENOTFOUND'), true],
    [new TypeError('x', { cause: systemError('EAI_AGAIN') }), true],
    [systemError('CERT_HAS_EXPIRED'), true],
    [new errors.HeadersTimeoutError(), false],
    [new errors.BodyTimeoutError(), false],
    [systemError('ECONNRESET'), false],
    [new errors.SocketError('other side closed'), false],
  ] as const)('tells whether %s proves the request was never accepted (%s)', (error, before) => {
    expect(errorFromNetwork(error, context).beforeAcceptance).toBe(before);
  });

  it('reports CANCELLED whenever the caller aborted, whatever undici threw', () => {
    const controller = new AbortController();
    controller.abort();
    const mapped = errorFromNetwork(new errors.SocketError('closed'), {
      ...context,
      signal: controller.signal,
    });
    expect(mapped.code).toBe('CANCELLED');
    expect(mapped.retryable).toBe(false);
  });
});
