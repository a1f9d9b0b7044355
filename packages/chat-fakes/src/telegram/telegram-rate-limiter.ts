import { tooManyRequests } from './telegram-errors.js';

/**
 * Telegram's flood control, as its bot FAQ describes it: about one message per second in a chat,
 * twenty per minute in a group, thirty per second in all. Sends and edits count; going over answers
 * 429 "Too Many Requests: retry after N" with N the seconds until the oldest counted call leaves
 * its window. Telegram does not publish exact numbers, so each is configurable.
 */

export interface TelegramRateLimits {
  /** Sends and edits per second in one chat; 1 unless given. */
  perChatPerSecond?: number;
  /** Sends and edits per minute in one group or supergroup; 20 unless given. */
  perGroupPerMinute?: number;
  /** Sends and edits per second across all chats; 30 unless given. */
  perSecond?: number;
}

/** The methods that post or change a message in a chat. */
const COUNTED = /^(send(?!chataction)[a-z]*|edit[a-z]*|copymessages?|forwardmessages?)$/;

export class TelegramRateLimiter {
  private readonly perChat = new Map<number, number[]>();
  private readonly everywhere: number[] = [];
  private readonly limits: Required<TelegramRateLimits>;

  constructor(
    limits: TelegramRateLimits,
    private readonly now: () => number,
  ) {
    this.limits = { perChatPerSecond: 1, perGroupPerMinute: 20, perSecond: 30, ...limits };
  }

  static counts(method: string): boolean {
    return COUNTED.test(method);
  }

  /** Throws 429 when one more send or edit in this chat would go over a limit. */
  check(chatId: number, isGroup: boolean): void {
    const now = this.now();
    const chat = this.recent(chatId, now);
    const waits = [
      wait(
        chat.filter((at) => now - at < 1000),
        this.limits.perChatPerSecond,
        1000,
        now,
      ),
      isGroup ? wait(chat, this.limits.perGroupPerMinute, 60_000, now) : 0,
      wait(
        this.everywhere.filter((at) => now - at < 1000),
        this.limits.perSecond,
        1000,
        now,
      ),
    ];
    const longest = Math.max(...waits);
    if (longest > 0) throw tooManyRequests(Math.max(1, Math.ceil(longest / 1000)));
  }

  /** Counts a send or edit that went through. */
  count(chatId: number): void {
    const now = this.now();
    this.perChat.set(chatId, [...this.recent(chatId, now), now]);
    const global = this.everywhere.filter((at) => now - at < 1000);
    this.everywhere.splice(0, this.everywhere.length, ...global, now);
  }

  private recent(chatId: number, now: number): number[] {
    return (this.perChat.get(chatId) ?? []).filter((at) => now - at < 60_000);
  }
}

/** Milliseconds until a call fits, given the calls (oldest first) in a window holding `limit`. */
function wait(times: readonly number[], limit: number, windowMs: number, now: number): number {
  if (times.length < limit) return 0;
  const oldest = times[times.length - limit]!;
  return oldest + windowMs - now;
}
