import { GenHubError } from '@genhub/provider';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The instant the current budget day began: the latest `resetHourUtc` o'clock UTC at or before `now`.
 * UTC has no daylight saving, so every budget day is exactly 24 hours. `resetHourUtc` is 0 to 24
 * (exclusive); fractions are allowed for half-hour zones (5.5 is 05:30 UTC).
 */
export function budgetDayStart(now: number, resetHourUtc: number): number {
  if (!Number.isFinite(now)) {
    throw new GenHubError('INVALID_INPUT', 'The current time must be a finite number of milliseconds.');
  }
  if (!Number.isFinite(resetHourUtc) || resetHourUtc < 0 || resetHourUtc >= 24) {
    throw new GenHubError(
      'INVALID_INPUT',
      `The daily reset hour must be from 0 to 23, not ${resetHourUtc}.`,
      {
        details: { param: 'resetHourUtc', value: resetHourUtc },
      },
    );
  }
  const offset = Math.round(resetHourUtc * HOUR_MS);
  return Math.floor((now - offset) / DAY_MS) * DAY_MS + offset;
}

/** The instant the current budget day ends and the budget is full again. */
export function budgetDayEnd(now: number, resetHourUtc: number): number {
  return budgetDayStart(now, resetHourUtc) + DAY_MS;
}
