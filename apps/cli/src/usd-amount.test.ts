import { describe, expect, it } from 'vitest';
import { UsageError } from './usage-error.js';
import { parseUsdAmount } from './usd-amount.js';

describe('parseUsdAmount', () => {
  it('reads dollars as whole micro-dollars without float rounding', () => {
    expect(parseUsdAmount('5')).toBe(5_000_000);
    expect(parseUsdAmount('-2.5')).toBe(-2_500_000);
    expect(parseUsdAmount('+0.000001')).toBe(1);
    expect(parseUsdAmount('.29')).toBe(290_000);
    expect(parseUsdAmount('0.1')).toBe(100_000);
    expect(parseUsdAmount(' 1.10 ')).toBe(1_100_000);
    expect(parseUsdAmount('123456789.123456')).toBe(123_456_789_123_456);
  });

  it('refuses what is not an amount with one sentence', () => {
    for (const text of ['abc', '', '1e3', '$5', '5 USD', '1,5', '--5', '0x10', 'NaN']) {
      expect(() => parseUsdAmount(text)).toThrow(UsageError);
      expect(() => parseUsdAmount(text)).toThrow(
        /is not an amount in US dollars; give a number such as 5 or -2\.50\.$/,
      );
    }
  });

  it('refuses more than 6 decimals, zero and amounts beyond exact integers', () => {
    expect(() => parseUsdAmount('1.0000001')).toThrow(
      '1.0000001 has more than 6 decimals; credits are counted in millionths of a dollar (0.000001).',
    );
    expect(() => parseUsdAmount('0')).toThrow(/^An amount of 0 changes nothing/);
    expect(() => parseUsdAmount('-0.000000')).toThrow(/^An amount of 0 changes nothing/);
    expect(() => parseUsdAmount('99999999999999')).toThrow('99999999999999 is too large an amount.');
  });
});
