import type { JobRecord } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { formatDuration, formatUsd, jobStatusLine, progressBar, type StatusJob } from './render.js';

describe('progressBar', () => {
  it('draws the share done, clamped', () => {
    expect(progressBar(42)).toBe('[########------------] 42%');
    expect(progressBar(0)).toBe('[--------------------] 0%');
    expect(progressBar(100)).toBe('[####################] 100%');
    expect(progressBar(150, 10)).toBe('[##########] 100%');
    expect(progressBar(-5, 4)).toBe('[----] 0%');
    expect(progressBar(Number.NaN, 4)).toBe('[----] 0%');
    expect(progressBar(99.9, 10)).toBe('[#########-] 99%');
  });
});

describe('formatUsd', () => {
  it('is exact to the micro-dollar, with at least cents', () => {
    expect(formatUsd(0.003)).toBe('$0.003');
    expect(formatUsd(0.49)).toBe('$0.49');
    expect(formatUsd(11.25)).toBe('$11.25');
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(0.015)).toBe('$0.015');
    expect(formatUsd(0.4912)).toBe('$0.4912');
    expect(formatUsd(9.998)).toBe('$9.998');
    expect(formatUsd({ micros: 9_999_999 })).toBe('$9.999999');
    expect(formatUsd({ micros: 10_000_000 })).toBe('$10.00');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(-0.1)).toBe('-$0.10');
    expect(formatUsd({ micros: 490_000 })).toBe('$0.49');
    expect(formatUsd({ micros: 1 })).toBe('$0.000001');
    expect(formatUsd({ micros: 11_250_000 })).toBe('$11.25');
  });
});

describe('formatDuration', () => {
  it('reads like a clock', () => {
    expect(formatDuration(5)).toBe('5s');
    expect(formatDuration(65)).toBe('1m 05s');
    expect(formatDuration(3600 + 180)).toBe('1h 03m');
    expect(formatDuration(90_000)).toBe('1d 01h');
    expect(formatDuration(-3)).toBe('0s');
  });
});

describe('jobStatusLine', () => {
  const base: StatusJob = {
    state: 'queued',
    progress: null,
    error: null,
    reservedMicros: 490_000,
    chargedMicros: null,
    createdAt: 1_000,
    finishedAt: null,
  };
  const job = (patch: Partial<JobRecord>): StatusJob => ({ ...base, ...patch }) as StatusJob;

  it('describes every state', () => {
    expect(jobStatusLine(base, { queuePosition: 3 })).toBe('Queued: #3 in line.');
    expect(jobStatusLine(base)).toBe('Queued.');
    expect(jobStatusLine(job({ state: 'submitting' }))).toBe('Sending to the provider...');
    expect(jobStatusLine(job({ state: 'running', progress: { percent: 42, etaSeconds: 65 } }))).toBe(
      'Running [########------------] 42%, about 1m 05s left.',
    );
    expect(jobStatusLine(job({ state: 'running', progress: { queuePosition: 2 } }))).toBe(
      'Waiting at the provider: #2 in line.',
    );
    expect(jobStatusLine(job({ state: 'running' }))).toBe('Running...');
    expect(jobStatusLine(job({ state: 'downloading' }))).toBe('Fetching the results...');
    expect(jobStatusLine(job({ state: 'succeeded', chargedMicros: 490_000, finishedAt: 66_000 }))).toBe(
      'Done in 1m 05s for $0.49.',
    );
    expect(
      jobStatusLine(
        job({
          state: 'failed',
          chargedMicros: 0,
          error: {
            code: 'CONTENT_REJECTED',
            message: 'flagged by provider-internal classifier v2',
            retryable: false,
          },
        }),
      ),
    ).toBe(
      "Failed: The provider's content rules turned this down; try rewording the prompt or using another image. You were not charged.",
    );
    expect(jobStatusLine(job({ state: 'cancelled', chargedMicros: 0 }))).toBe(
      'Cancelled. You were not charged.',
    );
    expect(jobStatusLine(job({ state: 'timed_out', chargedMicros: 0 }))).toBe(
      'Timed out: the provider took too long. You were not charged.',
    );
    expect(jobStatusLine(job({ state: 'failed', chargedMicros: 100_000, error: null }))).toMatch(
      /^Failed: Something went wrong.* You were charged \$0\.10\.$/,
    );
  });
});
