import { describe, expect, it } from 'vitest';
import { failureText, num, remoteState, resultFields, str } from './ainative-wire.js';

describe('reading AINative JSON', () => {
  it.each([
    ['processing', 'pending'],
    ['PENDING', 'pending'],
    ['in progress', 'pending'],
    ['completed', 'succeeded'],
    ['success', 'succeeded'],
    ['failed', 'failed'],
    ['error', 'failed'],
    ['canceled', 'cancelled'],
    ['weird', undefined],
    [undefined, undefined],
  ])('reads status %j as %s', (status, state) => {
    expect(remoteState(status)).toBe(state);
  });

  it('lays nested result fields over the record', () => {
    expect(
      resultFields({ id: 'u1', status: 'completed', result: { video_url: 'https://x/v.mp4' } }),
    ).toMatchObject({
      id: 'u1',
      video_url: 'https://x/v.mp4',
    });
    expect(resultFields({ results: { audio_base64: 'AAAA' } })).toMatchObject({ audio_base64: 'AAAA' });
    expect(resultFields({ video_url: 'https://x/v.mp4', result: null })).toEqual({
      video_url: 'https://x/v.mp4',
      result: null,
    });
  });

  it('reads strings and numbers leniently', () => {
    expect(str({ a: '', b: 'x' }, 'a', 'b')).toBe('x');
    expect(num({ credits_used: '400' }, 'credits_used')).toBe(400);
    expect(num({ credits_used: 'many' }, 'credits_used')).toBeUndefined();
  });

  it('finds the failure text wherever it is', () => {
    expect(failureText({ error_message: 'CUDA OOM' })).toBe('CUDA OOM');
    expect(failureText({ error: { message: 'boom' } })).toBe('boom');
    expect(failureText({ error: 'bad' })).toBe('bad');
    expect(failureText({})).toBeUndefined();
  });
});
