import type { ChatMessageHandle, ChatSurface, ReportOutlet } from '@genhub/chat';
import type { JsonObject, Logger } from '@genhub/core';
import type { ChatAdmins } from './chat-admins.js';
import { describeTelegramError } from './telegram-errors.js';
import { TelegramMessageHandle } from './telegram-message-handle.js';
import type { TelegramOutbox } from './telegram-outbox.js';
import { TelegramSurface } from './telegram-surface.js';

const PREFIX = 'telegram:';
/** A group's admins reached in private for one report, at most. */
const MAX_ADMINS = 10;
const CHAT_ID = /^-?\d{1,20}$/;

/**
 * Reports on Telegram: to a chosen chat (a group of moderators, say) or else to each of the group's
 * human administrators in their private chat with the bot (those who never pressed Start cannot be
 * written to; that is logged). Admin checks ask getChatMember, cached as for `/admin`.
 */
export class TelegramReportOutlet implements ReportOutlet {
  constructor(
    private readonly outbox: TelegramOutbox,
    private readonly admins: ChatAdmins,
    private readonly logger: Logger,
    private readonly token: string,
  ) {}

  async adminSurfaces(communityId: string, place: string | undefined): Promise<ChatSurface[]> {
    const chatId = idOf(communityId);
    if (chatId === undefined) return [];
    if (place !== undefined && CHAT_ID.test(place)) {
      const target = Number(place);
      return [new TelegramSurface(this.outbox, { chatId: target, isPrivate: target > 0 })];
    }
    try {
      const members = await this.outbox.api.getChatAdministrators(chatId);
      return members
        .filter((member) => !member.user.is_bot)
        .slice(0, MAX_ADMINS)
        .map(
          (member) =>
            new TelegramSurface(this.outbox, {
              chatId: member.user.id,
              isPrivate: true,
              userId: member.user.id,
            }),
        );
    } catch (error) {
      this.logger.warn('could not list a group’s admins for a report', {
        chatId,
        error: describeTelegramError(error, this.token),
      });
      return [];
    }
  }

  async isAdmin(communityId: string, userId: string): Promise<boolean> {
    const chatId = idOf(communityId);
    const user = idOf(userId);
    if (chatId === undefined || user === undefined) return false;
    return this.admins.isAdmin(chatId, user);
  }

  restore(message: JsonObject): ChatMessageHandle | undefined {
    const { chatId, messageId, threadId } = message;
    if (typeof chatId !== 'number' || typeof messageId !== 'number') return undefined;
    const place = { chatId, ...(typeof threadId === 'number' ? { threadId } : {}) };
    return new TelegramMessageHandle(this.outbox, place, { id: messageId, isMedia: false });
  }

  async checkPlace(_communityId: string, place: string): Promise<true | string> {
    const sentence =
      'Give the id of a chat the bot is in, such as -1001234567890, or leave it out for the admins.';
    if (!CHAT_ID.test(place)) return sentence;
    try {
      await this.outbox.api.getChat(Number(place));
      return true;
    } catch {
      return sentence;
    }
  }
}

function idOf(prefixed: string): number | undefined {
  if (!prefixed.startsWith(PREFIX)) return undefined;
  const id = prefixed.slice(PREFIX.length);
  return CHAT_ID.test(id) ? Number(id) : undefined;
}
