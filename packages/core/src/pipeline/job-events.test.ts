import { describe, expect, it } from 'vitest';
import { makeJob } from '../store/__fixtures__/store-fixtures.js';
import { JobEvents } from './job-events.js';

describe('JobEvents', () => {
  it('gives one job’s listener that job’s events only, until it stops listening', () => {
    const events = new JobEvents();
    const a = makeJob();
    const b = makeJob();
    const seen: string[] = [];
    const off = events.subscribeJob(a.id, (event) => seen.push(`${event.type}:${event.job.id}`));
    events.emit({ type: 'state', job: a });
    events.emit({ type: 'state', job: b });
    off();
    events.emit({ type: 'succeeded', job: a });
    expect(seen).toEqual([`state:${a.id}`]);
  });

  it('keeps the pipeline going when a listener throws', () => {
    const events = new JobEvents();
    const job = makeJob();
    let after = 0;
    events.subscribe(() => {
      throw new Error('front-end bug');
    });
    events.subscribeJob(job.id, () => {
      throw new Error('front-end bug');
    });
    events.subscribe(() => {
      after += 1;
    });
    expect(() => events.emit({ type: 'state', job })).not.toThrow();
    expect(after).toBe(1);
  });
});
