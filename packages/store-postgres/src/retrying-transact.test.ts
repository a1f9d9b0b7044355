import { GenHubError } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { isRetryableConflict } from './retrying-transact.js';

describe('isRetryableConflict', () => {
  it('retries serialization failures and deadlocks only', () => {
    expect(isRetryableConflict({ code: '40001' })).toBe(true);
    expect(isRetryableConflict({ code: '40P01' })).toBe(true);
    expect(isRetryableConflict({ code: '23505' })).toBe(false);
    expect(isRetryableConflict(new GenHubError('INTERNAL', 'x'))).toBe(false);
    expect(isRetryableConflict(null)).toBe(false);
  });
});
