import type { ChatMessage, ChatMessageHandle, CommandSurface, SurfaceLimits } from '@genhub/chat';
import type { MediaKind } from '@genhub/core';
import { inlineKeyboard } from './inline-keyboard.js';
import { uploadActionForKind } from './media-method.js';
import { MAX_CAPTION_LENGTH } from './surface-limits.js';
import { TelegramMessageHandle } from './telegram-message-handle.js';
import type { ChatPlace, TelegramOutbox } from './telegram-outbox.js';
import { asVoiceNote } from './voice-note.js';

/** Where a surface answers: the chat, the message it answers, and who asked (for their private chat). */
export interface SurfacePlace extends ChatPlace {
  isPrivate: boolean;
  /** The command or the message whose button was pressed. */
  replyTo?: number;
  /** The user who asked, whose private chat `direct()` opens. */
  userId?: number;
}

/**
 * GenHub's answers in one Telegram chat. Replies answer the command (or the message whose button
 * was pressed); a message with files goes as photos, videos, audio or documents with the text as
 * their caption when it fits, else as a text message followed by the files. Telegram has no
 * messages only one member of a group sees, so `private` replies are sent in the chat like any other.
 */
export class TelegramSurface implements CommandSurface {
  readonly style = 'text' as const;
  readonly limits: SurfaceLimits;

  constructor(
    private readonly outbox: TelegramOutbox,
    private readonly place: SurfacePlace,
  ) {
    this.limits = outbox.limits(place.isPrivate);
  }

  async reply(message: ChatMessage): Promise<ChatMessageHandle> {
    const keyboard = inlineKeyboard(message.buttons);
    const files = await Promise.all((message.files ?? []).map(asVoiceNote));
    const replyTo = this.place.replyTo;
    const answering = replyTo !== undefined ? { replyTo } : {};
    if (files.length === 0) {
      const id = await this.outbox.sendText(this.place, message.text, {
        ...answering,
        ...(keyboard ? { keyboard } : {}),
      });
      return new TelegramMessageHandle(this.outbox, this.place, { id, isMedia: false });
    }
    const onMedia = this.outbox.mediaCarriesKeyboard(files);
    if (this.outbox.batches(files).length === 1 && onMedia && message.text.length <= MAX_CAPTION_LENGTH) {
      // One file: the text is its caption, the keyboard under it.
      const sent = await this.outbox.sendMedia(this.place, files, {
        ...answering,
        caption: message.text,
        ...(keyboard ? { keyboard } : {}),
      });
      const [id] = sent.ids;
      return new TelegramMessageHandle(this.outbox, this.place, { id: id as number, isMedia: true });
    }
    const id = await this.outbox.sendText(this.place, message.text, {
      ...answering,
      ...(keyboard && !onMedia ? { keyboard } : {}),
    });
    const sent = await this.outbox.sendMedia(this.place, files, {
      replyTo: id,
      ...(keyboard && onMedia ? { keyboard } : {}),
    });
    const handle = new TelegramMessageHandle(this.outbox, this.place, { id, isMedia: false }, sent.ids);
    await this.outbox.rememberGroup(this.place.chatId, handle.messageIds);
    return handle;
  }

  async showUploading(kind: MediaKind): Promise<void> {
    await this.outbox.chatAction(this.place, uploadActionForKind(kind));
  }

  /**
   * The user's private chat with the bot, for results they asked to get there; undefined in a
   * private chat already, or when the bot may not write to them (they never pressed Start).
   */
  async direct(): Promise<TelegramSurface | undefined> {
    const userId = this.place.userId;
    if (this.place.isPrivate || userId === undefined) return undefined;
    try {
      await this.outbox.api.sendChatAction(userId, 'typing');
    } catch {
      return undefined;
    }
    return new TelegramSurface(this.outbox, { chatId: userId, isPrivate: true, userId });
  }

  /** A handle for a message already in this chat (the one a pressed button was on). */
  handleFor(messageId: number, isMedia: boolean): TelegramMessageHandle {
    return new TelegramMessageHandle(this.outbox, this.place, { id: messageId, isMedia });
  }
}
