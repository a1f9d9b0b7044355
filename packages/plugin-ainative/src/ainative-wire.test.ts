import { describe, expect, it } from 'vitest';
import { aiNativeAnswer, answerFields } from './ainative-wire.js';

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
    [3, undefined],
  ])('reads status %j as %s', (status, state) => {
    expect(answerFields.parse({ status }).state).toBe(state);
  });

  it('lays nested result fields over the record, keeping the record its own', () => {
    const { record, result } = aiNativeAnswer.parse({
      id: 'u1',
      status: 'completed',
      result: { video_url: 'https://x/v.mp4' },
    });
    expect(record).toMatchObject({ id: 'u1', state: 'succeeded' });
    expect(record.video_url).toBeUndefined();
    expect(result).toMatchObject({ id: 'u1', video_url: 'https://x/v.mp4' });
    expect(aiNativeAnswer.parse({ results: { audio_base64: 'AAAA' } }).result).toMatchObject({
      audio_base64: 'AAAA',
    });
    expect(aiNativeAnswer.parse({ video_url: 'https://x/v.mp4', result: null }).result).toMatchObject({
      video_url: 'https://x/v.mp4',
    });
  });

  it('reads strings and numbers leniently', () => {
    expect(answerFields.parse({ usage_id: '', id: 'x' })).toMatchObject({ usage_id: undefined, id: 'x' });
    expect(answerFields.parse({ credits_used: '400' }).credits_used).toBe(400);
    expect(answerFields.parse({ credits_used: 'many' }).credits_used).toBeUndefined();
    expect(answerFields.parse({ video_url: null }).video_url).toBeUndefined();
  });

  it('finds the failure text wherever it is', () => {
    expect(answerFields.parse({ error_message: 'CUDA OOM' }).failure).toBe('CUDA OOM');
    expect(answerFields.parse({ error: { message: 'boom' } }).failure).toBe('boom');
    expect(answerFields.parse({ error: 'bad' }).failure).toBe('bad');
    expect(answerFields.parse({}).failure).toBeUndefined();
  });
});
