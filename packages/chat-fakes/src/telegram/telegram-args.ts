import { badRequest } from './telegram-errors.js';

/**
 * A call's parameters read the way the Bot API server reads them: every value may come as a JSON
 * value or as a string (query string, urlencoded and multipart bodies carry only strings, with
 * objects and arrays JSON-encoded).
 */
export class TelegramArgs {
  constructor(readonly raw: Readonly<Record<string, unknown>>) {}

  has(name: string): boolean {
    const value = this.raw[name];
    return value !== undefined && value !== null && value !== '';
  }

  string(name: string): string | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return JSON.stringify(value);
  }

  int(name: string): number | undefined {
    const value = this.raw[name];
    if (typeof value === 'number') return Math.trunc(value);
    if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
    return undefined;
  }

  bool(name: string): boolean {
    const value = this.raw[name];
    return value === true || value === 'true' || value === '1' || value === 1;
  }

  /** A JSON-valued parameter; `unparsable` is the error's description when a string is not JSON. */
  json(name: string, unparsable: string): unknown {
    const value = this.raw[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw badRequest(unparsable);
    }
  }

  /** A chat id as given: a number, or a string (numeric or `@username`). */
  chatId(name = 'chat_id'): number | string | undefined {
    const value = this.raw[name];
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && value !== '') return value;
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
