import { describe, expect, it } from 'vitest';
import { GenHubError } from '../errors/genhub-error.js';
import { DefaultRedactPatterns, isSecretKey, Redactor } from './redactor.js';

describe('Redactor.redact', () => {
  it('hides added secrets, ignoring ones shorter than 6 characters', () => {
    const redactor = new Redactor().add('abc', 'secret-value-1', 'longer-secret-value-1');
    expect(redactor.redact('a abc b secret-value-1 c longer-secret-value-1')).toBe(
      'a abc b [REDACTED] c [REDACTED]',
    );
  });

  it('hides the URL-encoded form of a secret', () => {
    const redactor = new Redactor(['p@ss/word+1']);
    expect(redactor.redact(`https://h/?x=${encodeURIComponent('p@ss/word+1')}`)).toBe(
      'https://h/?x=[REDACTED]',
    );
  });

  it('hides Bearer and Basic credentials in any text', () => {
    const redactor = new Redactor();
    expect(redactor.redact('Authorization: Bearer eyJhbGciOi.J9x_y-z')).toBe(
      'Authorization: Bearer [REDACTED]',
    );
    expect(redactor.redact('header authorization=bearer abc.def')).toBe(
      'header authorization=bearer [REDACTED]',
    );
    expect(redactor.redact('Basic dXNlcjpwYXNzd29yZA==')).toBe('Basic [REDACTED]');
    expect(redactor.redact('basic usage of the client')).toBe('basic usage of the client');
  });

  it('hides credential query parameters of any case', () => {
    const redactor = new Redactor();
    expect(
      redactor.redact(
        'GET https://h/p?KEY=abc&api_key=1&ApiKey=2&token=3&access_token=4&secret=5&signature=6&password=7&keep=8',
      ),
    ).toBe(
      'GET https://h/p?KEY=[REDACTED]&api_key=[REDACTED]&ApiKey=[REDACTED]&token=[REDACTED]' +
        '&access_token=[REDACTED]&secret=[REDACTED]&signature=[REDACTED]&password=[REDACTED]&keep=8',
    );
    expect(redactor.redact('https://s3/x?X-Amz-Signature=abcd#frag')).toBe(
      'https://s3/x?X-Amz-Signature=[REDACTED]#frag',
    );
    expect(redactor.redact('https://h/?sort_key=name')).toBe('https://h/?sort_key=name');
  });

  it('hides sk- keys', () => {
    const redactor = new Redactor();
    expect(redactor.redact('key sk-proj-AbCdEf0123456789xyz, done')).toBe('key [REDACTED], done');
    expect(redactor.redact('task-sk-1')).toBe('task-sk-1');
  });

  it('hides credential fields in JSON text', () => {
    const redactor = new Redactor();
    expect(redactor.redact('{"api_key":"abc\\"def","max_tokens":5,"refresh_token": "r1","model":"m"}')).toBe(
      '{"api_key":"[REDACTED]","max_tokens":5,"refresh_token": "[REDACTED]","model":"m"}',
    );
  });

  it('exports its patterns', () => {
    expect(Object.keys(DefaultRedactPatterns)).toEqual(
      expect.arrayContaining(['bearer', 'basic', 'queryParam', 'skKey']),
    );
  });

  it('extend() adds secrets to a copy that also sees its parent', () => {
    const parent = new Redactor(['parent-secret']);
    const child = parent.extend('child-secret');
    parent.add('later-secret');
    expect(child.redact('parent-secret child-secret later-secret')).toBe('[REDACTED] [REDACTED] [REDACTED]');
    expect(parent.redact('child-secret')).toBe('child-secret');
  });

  it('hides a longer secret whole when it contains a shorter one', () => {
    const redactor = new Redactor(['abcdef', 'abcdef-ghijkl']);
    expect(redactor.redact('abcdef-ghijkl')).toBe('[REDACTED]');
  });
});

describe('Redactor.redactValue', () => {
  const redactor = new Redactor(['top-secret-1']);

  it('deep-copies, redacting strings and secret-looking keys', () => {
    const input = {
      headers: { Authorization: 'x', 'X-API-Key': 'y', 'set-cookie': ['a'], accept: 'json' },
      nested: [{ apiKey: 'z', note: 'has top-secret-1 inside', count: 3 }],
      password: null,
      clientSecret: 'c',
    };
    const output = redactor.redactValue(input);
    expect(output).toEqual({
      headers: {
        Authorization: '[REDACTED]',
        'X-API-Key': '[REDACTED]',
        'set-cookie': '[REDACTED]',
        accept: 'json',
      },
      nested: [{ apiKey: '[REDACTED]', note: 'has [REDACTED] inside', count: 3 }],
      password: null,
      clientSecret: '[REDACTED]',
    });
    expect(input.nested[0]?.note).toBe('has top-secret-1 inside');
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    a.list = [a];
    expect(redactor.redactValue(a)).toEqual({ name: 'a', self: '[Circular]', list: ['[Circular]'] });
  });

  it('keeps shared, non-cyclic references', () => {
    const shared = { v: 1 };
    expect(redactor.redactValue({ a: shared, b: shared })).toEqual({ a: { v: 1 }, b: { v: 1 } });
  });

  it('serialises errors, redacted', () => {
    const cause = new Error('inner top-secret-1');
    const error = new GenHubError('AUTH', 'bad key top-secret-1', { provider: 'p', status: 401, cause });
    const out = redactor.redactValue({ err: error }) as { err: Record<string, unknown> };
    expect(out.err).toMatchObject({
      name: 'GenHubError',
      message: 'bad key [REDACTED]',
      code: 'AUTH',
      status: 401,
      provider: 'p',
      cause: { name: 'Error', message: 'inner [REDACTED]' },
    });
    expect(out.err.stack).toEqual(expect.any(String));
    expect(JSON.stringify(out)).not.toContain('top-secret-1');
  });

  it('turns awkward values into loggable ones', () => {
    expect(
      redactor.redactValue({
        when: new Date(0),
        url: new URL('https://h/?key=abcdef'),
        bytes: new Uint8Array(4),
        big: 10n,
        fn: function named() {},
        map: new Map([['token', 'x']]),
        set: new Set(['top-secret-1']),
      }),
    ).toEqual({
      when: '1970-01-01T00:00:00.000Z',
      url: 'https://h/?key=[REDACTED]',
      bytes: '[Uint8Array 4 bytes]',
      big: '10',
      fn: '[Function named]',
      map: { token: '[REDACTED]' },
      set: ['[REDACTED]'],
    });
  });
});

describe('isSecretKey', () => {
  it.each([
    'authorization',
    'Proxy-Authorization',
    'x-api-key',
    'api_key',
    'apiKey',
    'accessToken',
    'secretKey',
    'accessKey',
    'cookie',
  ])('%s is secret', (key) => expect(isSecretKey(key)).toBe(true));
  it.each(['maxTokens', 'tokenCount', 'prompt', 'key', 'model'])('%s is not', (key) =>
    expect(isSecretKey(key)).toBe(false),
  );
});
