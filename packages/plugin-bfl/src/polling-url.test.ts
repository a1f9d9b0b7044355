import { describe, expect, it } from 'vitest';
import { isTrustedPollingUrl } from './polling-url.js';

describe('isTrustedPollingUrl', () => {
  const base = 'https://api.bfl.ai';

  it('trusts BFL hosts over https, regional ones included', () => {
    expect(isTrustedPollingUrl('https://api.eu2.bfl.ai/v1/get_result?id=a', base)).toBe(true);
    expect(isTrustedPollingUrl('https://api.us1.bfl.ai/v1/get_result?id=a', base)).toBe(true);
    expect(isTrustedPollingUrl('https://api.bfl.ml/v1/get_result?id=a', base)).toBe(true);
  });

  it('trusts the host of the configured base URL on any port', () => {
    expect(isTrustedPollingUrl('http://127.0.0.1:4001/v1/get_result?id=a', 'http://127.0.0.1:4000')).toBe(
      true,
    );
  });

  it('refuses other hosts, look-alikes, plain http to BFL and credentials in the URL', () => {
    expect(isTrustedPollingUrl('https://evil.example/v1/get_result?id=a', base)).toBe(false);
    expect(isTrustedPollingUrl('https://bfl.ai.evil.example/v1/get_result', base)).toBe(false);
    expect(isTrustedPollingUrl('https://notbfl.ai/v1/get_result', base)).toBe(false);
    expect(isTrustedPollingUrl('http://api.eu2.bfl.ai/v1/get_result?id=a', base)).toBe(false);
    expect(isTrustedPollingUrl('https://user:pw@api.bfl.ai/v1/get_result', base)).toBe(false);
    expect(isTrustedPollingUrl('not a url', base)).toBe(false);
  });
});
