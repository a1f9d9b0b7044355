import type { Logger } from '@genhub/core';
import type { Api } from 'grammy';
import { describeTelegramError } from './telegram-errors.js';

const MAX_ENTRIES = 5000;

/**
 * Whether a user administers a group (creator or administrator, as getChatMember says), asked of
 * Telegram at most once per `ttlMs` for each member. When Telegram cannot say, the answer is no.
 */
export class ChatAdmins {
  readonly #cache = new Map<string, { admin: boolean; until: number }>();

  constructor(
    private readonly api: Api,
    private readonly ttlMs: number,
    private readonly logger: Logger,
    private readonly token: string,
    private readonly now: () => number = Date.now,
  ) {}

  async isAdmin(chatId: number, userId: number): Promise<boolean> {
    const key = `${chatId}:${userId}`;
    const cached = this.#cache.get(key);
    if (cached && cached.until > this.now()) return cached.admin;
    try {
      const member = await this.api.getChatMember(chatId, userId);
      const admin = member.status === 'creator' || member.status === 'administrator';
      this.#remember(key, admin);
      return admin;
    } catch (error) {
      this.logger.warn('could not check a chat member', {
        chatId,
        error: describeTelegramError(error, this.token),
      });
      return false;
    }
  }

  #remember(key: string, admin: boolean): void {
    if (this.#cache.size >= MAX_ENTRIES) {
      const now = this.now();
      for (const [entry, value] of this.#cache) if (value.until <= now) this.#cache.delete(entry);
      if (this.#cache.size >= MAX_ENTRIES) this.#cache.clear();
    }
    this.#cache.set(key, { admin, until: this.now() + this.ttlMs });
  }
}
