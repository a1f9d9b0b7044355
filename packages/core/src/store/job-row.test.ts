import { describe, expect, it } from 'vitest';
import { makeJob } from './__fixtures__/store-fixtures.js';
import { fromRow, type JobRow, patchToRow, toRow } from './job-row.js';
import { decodeUsageCursor, encodeUsageCursor } from './usage-cursor.js';

describe('job rows', () => {
  it('round-trip a job, storing JSON fields as text and nulls as NULL', () => {
    const job = makeJob({ progress: { percent: 10 }, remoteRef: null, error: null });
    const row = toRow(job);
    expect(row).toMatchObject({
      payer_kind: 'user',
      payer_id: 'alice',
      params: JSON.stringify(job.params),
      progress: '{"percent":10}',
      remote_ref: null,
      error: null,
    });
    expect(fromRow(row as JobRow)).toEqual(job);
  });

  it('read BIGINT columns that a PostgreSQL driver returns as strings', () => {
    const job = makeJob({ chargedMicros: 5 });
    const row = {
      ...toRow(job),
      reserved_micros: '1000',
      charged_micros: '5',
      created_at: String(job.createdAt),
    };
    expect(fromRow(row as JobRow)).toEqual(job);
  });

  it('turn a patch into only the columns it sets', () => {
    expect(patchToRow({ state: 'running', progress: null, remoteRef: { id: 'r' } })).toEqual({
      state: 'running',
      progress: null,
      remote_ref: '{"id":"r"}',
      remote_task_id: 'r',
    });
    expect(patchToRow({ payer: { kind: 'community', id: 'g' } })).toEqual({
      payer_kind: 'community',
      payer_id: 'g',
    });
    expect(patchToRow({ id: 'nope', userId: 'x', progress: undefined } as never)).toEqual({});
  });
});

describe('usage cursors', () => {
  it('round-trip and refuse anything else', () => {
    const cursor = encodeUsageCursor({ createdAt: 123, id: 'job-1' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeUsageCursor(cursor)).toEqual({ createdAt: 123, id: 'job-1' });
    for (const bad of [
      '',
      'abc',
      Buffer.from('[1]').toString('base64url'),
      Buffer.from('["1","x"]').toString('base64url'),
    ]) {
      expect(() => decodeUsageCursor(bad)).toThrow(/cursor/);
    }
  });
});
