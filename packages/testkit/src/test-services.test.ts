import { describe, expect, it } from 'vitest';
import { testServiceUrl } from './test-services.js';

describe('testServiceUrl', () => {
  it('returns the server address from its variable', () => {
    expect(testServiceUrl('redis', { GENHUB_TEST_REDIS_URL: 'redis://127.0.0.1:6390' })).toBe(
      'redis://127.0.0.1:6390',
    );
  });

  it('is undefined when the server is not running, so the tests that need it skip', () => {
    expect(testServiceUrl('postgres', {})).toBeUndefined();
  });

  it('fails instead of skipping when CI requires the servers', () => {
    expect(() => testServiceUrl('s3', { GENHUB_TEST_SERVICES: 'required' })).toThrow(
      /GENHUB_TEST_S3_ENDPOINT is not set/,
    );
  });
});
