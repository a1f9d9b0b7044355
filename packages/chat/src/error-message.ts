import { ERROR_CODES, type ErrorCode, GenHubError, type SerializedGenHubError } from '@genhub/core';
import { formatDuration, formatUsd } from './render.js';

/** What the chat knows that the error may not: the price it showed and the balance it read. */
export interface UserMessageContext {
  priceUsd?: number;
  balanceUsd?: number;
  /** Epoch milliseconds, for "resets in"; defaults to now. */
  now?: number;
}

export const SOMETHING_WENT_WRONG =
  'Something went wrong on our side; try again, and tell an admin if it keeps happening.';

const CODES = new Set<string>(ERROR_CODES);

/** A GenHubError from a thrown value or a job's stored error; undefined for anything else. */
function asGenHubError(error: unknown): GenHubError | undefined {
  if (GenHubError.isInstance(error)) return error;
  if (typeof error === 'object' && error !== null) {
    const record = error as Partial<SerializedGenHubError>;
    if (typeof record.code === 'string' && CODES.has(record.code) && typeof record.message === 'string') {
      return GenHubError.fromJSON({ retryable: false, ...record } as SerializedGenHubError);
    }
  }
  return undefined;
}

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * One sentence for a user about any failure: what happened and what to do. Never a stack, a URL
 * with its query, or an internal message; anything that is not a GenHubError is "something went wrong".
 */
export function userMessage(error: unknown, context: UserMessageContext = {}): string {
  const known = asGenHubError(error);
  if (!known) return SOMETHING_WENT_WRONG;
  return messageFor(known.code, known, context);
}

function messageFor(code: ErrorCode, error: GenHubError, context: UserMessageContext): string {
  const details = error.details;
  switch (code) {
    case 'INVALID_INPUT':
      return (
        sanitizeSentence(error.message) ?? "That request isn't valid; see /help for what each command takes."
      );
    case 'MODEL_NOT_FOUND': {
      const suggestions = error.suggestions.slice(0, 3);
      return suggestions.length > 0
        ? `That model doesn't exist; did you mean ${orList(suggestions)}?`
        : "That model doesn't exist; use /models to see the ones you can pick.";
    }
    case 'AUTH':
      return 'The provider refused our credentials; tell an admin so they can check its API key.';
    case 'INSUFFICIENT_FUNDS':
      return fundsMessage(error, context);
    case 'RATE_LIMITED': {
      if (details.reason === 'in-flight') {
        const limit = num(details.limit);
        return limit !== undefined
          ? `You already have ${limit} ${limit === 1 ? 'job' : 'jobs'} running; wait for one to finish.`
          : 'You already have as many jobs running as allowed; wait for one to finish.';
      }
      const wait = error.retryAfterSeconds;
      if (details.reason === undefined && error.provider !== undefined) {
        return wait !== undefined
          ? `The provider is busy right now; try again in ${waitText(wait)}.`
          : 'The provider is busy right now; try again in a minute.';
      }
      return wait !== undefined
        ? `Slow down: try again in ${waitText(wait)}.`
        : 'Slow down: try again in a minute.';
    }
    case 'CONTENT_REJECTED': {
      const said = providerWords(error);
      return `The provider's content rules turned this down${said === undefined ? '' : ` (${said})`}; try rewording the prompt or using another image.`;
    }
    case 'PROVIDER_UNAVAILABLE': {
      if (details.reason === 'too-large') {
        return "The provider's answer was too large to accept; try a smaller size or a shorter duration.";
      }
      if (details.reason === 'unreadable-svg') {
        return "The provider's SVG could not be read safely, so it was not kept and you were not charged; try again or pick another model.";
      }
      if (details.reason === 'misconfigured') {
        return "This provider is not set up correctly on GenHub's side; tell an admin so they can check its settings.";
      }
      const said = providerWords(error);
      if (said !== undefined) {
        return `The provider refused (${said}); try again later or pick another model.`;
      }
      return 'The provider is busy right now; try again in a minute.';
    }
    case 'TIMEOUT':
      return 'The provider took too long to answer; try again in a little while.';
    case 'CANCELLED':
      return 'The job was cancelled.';
    case 'INTERNAL':
      return SOMETHING_WENT_WRONG;
  }
}

function fundsMessage(error: GenHubError, context: UserMessageContext): string {
  const details = error.details;
  const priceMicros = num(details.priceMicros) ?? num(details.amountMicros);
  if (details.reason === 'daily-budget') {
    const limit = num(details.limitMicros);
    const resetsAt = num(details.resetsAt);
    const now = context.now ?? Date.now();
    const budget = limit !== undefined ? ` of ${formatUsd({ micros: limit })}` : '';
    const reset =
      resetsAt !== undefined && resetsAt > now
        ? `; it resets in ${formatDuration(Math.ceil((resetsAt - now) / 1000))}`
        : '; it resets tomorrow';
    return `This would go over your daily budget${budget}${reset}.`;
  }
  if (details.reason === undefined && error.provider !== undefined) {
    return "The provider's account has run out of funds; tell an admin so they can top it up.";
  }
  const price = context.priceUsd ?? (priceMicros === undefined ? undefined : priceMicros / 1e6);
  const availableMicros = num(details.availableMicros);
  const balance = context.balanceUsd ?? (availableMicros === undefined ? undefined : availableMicros / 1e6);
  if (price !== undefined && balance !== undefined) {
    return `You need ${formatUsd(price)} for this and have ${formatUsd(Math.max(0, balance))}; ask an admin for credits.`;
  }
  if (price !== undefined) return `You need ${formatUsd(price)} for this; ask an admin for credits.`;
  return "You don't have enough credits for this; ask an admin for credits.";
}

/** Longest quote of a provider's own words shown to a user. */
const MAX_PROVIDER_WORDS = 200;

/**
 * What the provider said about a failed task (`details.providerMessage`, set by plugins), quoted
 * and made safe: one line, no links with queries, cut short.
 */
function providerWords(error: GenHubError): string | undefined {
  const said = error.details.providerMessage;
  if (typeof said !== 'string') return undefined;
  const clean = sanitizeSentence(said)?.replace(/[.!]$/, '');
  if (clean === undefined || clean === '') return undefined;
  const cut = clean.length > MAX_PROVIDER_WORDS ? `${clean.slice(0, MAX_PROVIDER_WORDS - 1)}…` : clean;
  return `"${cut}"`;
}

function waitText(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 90) return `${whole} ${whole === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.round(whole / 60);
  if (minutes < 90) return `${minutes} minutes`;
  return formatDuration(whole);
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const STACK_LINE = /^\s*at\s+\S.*$/m;
const URL = /\b(?:https?|wss?|ftp):\/\/[^\s"'<>]+/gi;

/**
 * Core's INVALID_INPUT sentence, made safe to show: only the first line, no stack frames, and URLs
 * with a query string (which may carry signatures or tokens) replaced by "a link"; ends with a full stop.
 */
export function sanitizeSentence(message: string): string | undefined {
  const firstLine = (message.split(STACK_LINE)[0] ?? '').split(/\r?\n/)[0] ?? '';
  const cleaned = firstLine
    .replace(URL, (url) => (/[?#]/.test(url) ? 'a link' : url))
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned === '') return undefined;
  return /[.?!]$/.test(cleaned) ? cleaned : `${cleaned}.`;
}
