import { GenHubError } from '@genhub/provider';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetDayEnd, budgetDayStart, DAY_MS } from './budget-day.js';

const at = (iso: string) => Date.parse(iso);

describe('budgetDayStart', () => {
  it('starts at midnight UTC for reset hour 0', () => {
    expect(budgetDayStart(at('2025-03-10T15:20:00Z'), 0)).toBe(at('2025-03-10T00:00:00Z'));
    expect(budgetDayStart(at('2025-03-10T00:00:00Z'), 0)).toBe(at('2025-03-10T00:00:00Z'));
  });

  it('belongs to the previous day before the reset hour', () => {
    expect(budgetDayStart(at('2025-03-10T05:59:59.999Z'), 6)).toBe(at('2025-03-09T06:00:00Z'));
    expect(budgetDayStart(at('2025-03-10T06:00:00Z'), 6)).toBe(at('2025-03-10T06:00:00Z'));
    expect(budgetDayEnd(at('2025-03-10T05:00:00Z'), 6)).toBe(at('2025-03-10T06:00:00Z'));
  });

  it('handles late reset hours, fractional hours and instants before 1970', () => {
    expect(budgetDayStart(at('2025-01-01T22:00:00Z'), 23)).toBe(at('2024-12-31T23:00:00Z'));
    expect(budgetDayStart(at('2025-01-01T05:45:00Z'), 5.5)).toBe(at('2025-01-01T05:30:00Z'));
    expect(budgetDayStart(at('1969-12-31T12:00:00Z'), 0)).toBe(at('1969-12-31T00:00:00Z'));
  });

  it('refuses reset hours outside 0..24', () => {
    for (const hour of [-1, 24, Number.NaN]) {
      const error = (() => {
        try {
          budgetDayStart(0, hour);
        } catch (e) {
          return e;
        }
      })();
      expect(GenHubError.isInstance(error) && error.code).toBe('INVALID_INPUT');
    }
  });

  it('always returns the latest reset instant at or before now', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), fc.integer({ min: 0, max: 23 }), (now, hour) => {
        const start = budgetDayStart(now, hour);
        expect(start).toBeLessThanOrEqual(now);
        expect(now - start).toBeLessThan(DAY_MS);
        expect(new Date(start).getUTCHours()).toBe(hour);
        expect(start % 3_600_000 === 0).toBe(true);
      }),
    );
  });
});
