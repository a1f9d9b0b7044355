import { describe, expect, it } from 'vitest';
import { DefaultPipelineConfig } from './pipeline-config.js';
import { pollDelay } from './poll-delay.js';

const { pollInitialMs, pollMaxMs } = DefaultPipelineConfig.jobs;

/** The times (ms after submit) at which a job is polled until `doneMs` has passed. */
function pollTimes(doneMs: number): number[] {
  const times: number[] = [];
  let at = 0;
  for (let attempt = 0; times.at(-1) === undefined || times.at(-1)! < doneMs; attempt++) {
    at += pollDelay(attempt, undefined, pollInitialMs, pollMaxMs);
    times.push(at);
  }
  return times;
}

describe('the default poll schedule', () => {
  it('keeps a 2-minute job to at most 15 status calls and sees its result within 10 s', () => {
    const times = pollTimes(120_000);
    expect(times.length).toBeLessThanOrEqual(15);
    expect(times.at(-1)! - 120_000).toBeLessThanOrEqual(10_000);
  });

  it('never waits more than 10 s between polls, however long the job', () => {
    const times = pollTimes(40 * 60_000);
    const gaps = times.map((time, index) => time - (times[index - 1] ?? 0));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(10_000);
  });

  it("follows the provider's hint within the bounds", () => {
    expect(pollDelay(0, 30_000, pollInitialMs, pollMaxMs)).toBe(pollMaxMs);
    expect(pollDelay(5, 3_000, pollInitialMs, pollMaxMs)).toBe(3_000);
    expect(pollDelay(5, Number.NaN, pollInitialMs, pollMaxMs)).toBe(pollMaxMs);
  });
});
