import { describe, expect, it } from 'vitest';
import { followUpsOf } from './follow-up.js';

describe('followUpsOf', () => {
  it('reads well-formed follow-ups and skips malformed ones', () => {
    const good = { label: ' U1 ', task: 'upscale', model: 'p/mj', params: { action: 'x' } };
    expect(
      followUpsOf({
        followUps: [
          good,
          { ...good, task: 'not-a-task' },
          { ...good, label: '' },
          { ...good, params: 'x' },
          'junk',
          null,
        ],
      }),
    ).toEqual([{ ...good, label: 'U1' }]);
  });

  it('gives none for metadata without follow-ups', () => {
    expect(followUpsOf(undefined)).toEqual([]);
    expect(followUpsOf({ followUps: 'x' })).toEqual([]);
  });
});
