import { UsageError } from './usage-error.js';

const AMOUNT = /^([+-])?(\d+)(?:\.(\d*))?$|^([+-])?\.(\d+)$/;

/**
 * An amount of US dollars as typed (`5`, `-2.5`, `0.000001`) in integer micro-dollars, computed
 * from the digits so no float rounding creeps in. Not a number, more than 6 decimals, zero or too
 * large: a UsageError.
 */
export function parseUsdAmount(text: string): number {
  const trimmed = text.trim();
  const match = AMOUNT.exec(trimmed);
  if (!match)
    throw new UsageError(`"${text}" is not an amount in US dollars; give a number such as 5 or -2.50.`);
  const sign = (match[1] ?? match[4]) === '-' ? -1 : 1;
  const whole = match[2] ?? '0';
  const fraction = match[3] ?? match[5] ?? '';
  if (fraction.length > 6) {
    throw new UsageError(
      `${trimmed} has more than 6 decimals; credits are counted in millionths of a dollar (0.000001).`,
    );
  }
  const micros = Number(whole) * 1_000_000 + Number(fraction.padEnd(6, '0') || '0');
  if (!Number.isSafeInteger(micros)) throw new UsageError(`${trimmed} is too large an amount.`);
  if (micros === 0)
    throw new UsageError(
      'An amount of 0 changes nothing; give a positive amount to add or a negative one to take back.',
    );
  return sign * micros;
}
