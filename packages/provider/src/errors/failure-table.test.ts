import { describe, expect, it } from 'vitest';
import { Redactor } from '../logging/redactor.js';
import { failureTable } from './failure-table.js';

const failed = failureTable(
  'acme',
  [
    { message: /safety|nsfw/i, code: 'CONTENT_REJECTED' },
    { providerCode: 'quota', code: 'INSUFFICIENT_FUNDS' },
    { status: 500, code: 'INTERNAL' },
  ],
  { code: 'PROVIDER_UNAVAILABLE', retryAfterSeconds: 30 },
);

describe('failureTable', () => {
  it('reads the words and code of a failed task, keeping the words for users', () => {
    const error = failed({
      summary: 'Acme could not finish the task',
      words: 'Blocked by  the\nsafety filter',
      details: { taskId: 't1' },
    });
    expect(error).toMatchObject({
      code: 'CONTENT_REJECTED',
      retryable: false,
      provider: 'acme',
      message: 'Acme could not finish the task: Blocked by the safety filter',
      details: { taskId: 't1', providerMessage: 'Blocked by the safety filter' },
    });
    expect(failed({ summary: 'x', providerCode: 'quota' })).toMatchObject({
      code: 'INSUFFICIENT_FUNDS',
      details: { providerCode: 'quota' },
    });
  });

  it('falls back as told, never matches a rule on a status, and ends a wordless message', () => {
    expect(failed({ summary: 'Acme could not finish the task', words: 'GPU lost' })).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      retryable: true,
      retryAfterSeconds: 30,
    });
    expect(failed({ summary: 'Acme could not finish the task', words: '  ' }).message).toBe(
      'Acme could not finish the task.',
    );
  });

  it('redacts the key and cuts long words', () => {
    const error = failed(
      { summary: 'x', words: `bad key sk-acme-123456 ${'y'.repeat(400)}` },
      { redactor: new Redactor(['sk-acme-123456']) },
    );
    expect(JSON.stringify(error.toJSON())).not.toContain('sk-acme-123456');
    expect(String(error.details.providerMessage)).toHaveLength(300);
  });
});
