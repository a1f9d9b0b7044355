import { describe, expect, it } from 'vitest';
import { pollResultOf } from './task-result.js';

describe('pollResultOf', () => {
  it('reports BFL progress while Pending as a percentage', () => {
    expect(pollResultOf('t1', { status: 'Pending', progress: 0.42 }, 'image/jpeg', undefined)).toEqual({
      status: 'pending',
      percent: 42,
    });
    expect(pollResultOf('t1', { status: 'Pending' }, 'image/jpeg', undefined)).toEqual({ status: 'pending' });
  });

  it('succeeds with the sample, its seed and the credits BFL charged', () => {
    const result = pollResultOf(
      't1',
      { status: 'Ready', result: { sample: 'https://delivery-eu1.bfl.ai/x/sample.jpg', seed: 7 } },
      'image/jpeg',
      { usd: 0.03 },
    );
    expect(result).toEqual({
      status: 'succeeded',
      outputs: [
        {
          kind: 'url',
          url: 'https://delivery-eu1.bfl.ai/x/sample.jpg',
          mediaType: 'image/jpeg',
          metadata: { seed: 7 },
        },
      ],
      cost: { usd: 0.03 },
    });
  });

  it('fails a status it does not know at once instead of polling it to the deadline', () => {
    const result = pollResultOf('t1', { status: 'Queued somewhere new' }, undefined, undefined);
    expect(result.status).toBe('failed');
    if (result.status === 'failed') {
      expect(result.error.code).toBe('PROVIDER_UNAVAILABLE');
      expect(result.error.message).toBe('BFL task t1 ended as Queued somewhere new.');
    }
  });

  it('fails a Ready task without a sample', () => {
    const result = pollResultOf('t1', { status: 'Ready', result: {} }, undefined, undefined);
    expect(result.status === 'failed' && result.error.message).toBe('BFL task t1 is Ready but has no image.');
  });
});
