import type { ChatMessage, ChatMessageHandle } from '@genhub/chat';
import type { JsonObject } from '@genhub/core';
import { inlineKeyboard } from './inline-keyboard.js';
import { isMessageGone } from './telegram-errors.js';
import type { ChatPlace, TelegramOutbox } from './telegram-outbox.js';
import { asVoiceNote } from './voice-note.js';

/** The message GenHub edits: its id, and whether it is a media message (whose text is a caption). */
export interface PrimaryMessage {
  id: number;
  isMedia: boolean;
}

/**
 * One GenHub message on Telegram, which may be several Telegram messages: the text (the status
 * message) and the files sent with it. Since a text message cannot become a photo, an edit with
 * files sends them as new messages (replying to the text, with the keyboard where one fits) and
 * edits the text. Its `ref` (`{ chatId, messageId }`) finds the text message again after a restart.
 */
export class TelegramMessageHandle implements ChatMessageHandle {
  readonly ref: JsonObject;
  #primary: PrimaryMessage;
  readonly #parts: number[];

  constructor(
    private readonly outbox: TelegramOutbox,
    private readonly place: ChatPlace,
    primary: PrimaryMessage,
    parts: readonly number[] = [],
  ) {
    this.#primary = primary;
    this.#parts = [...parts];
    this.ref = {
      chatId: place.chatId,
      messageId: primary.id,
      ...(place.threadId !== undefined ? { threadId: place.threadId } : {}),
    };
  }

  /** Every Telegram message this handle sent or edits. */
  get messageIds(): number[] {
    return [this.#primary.id, ...this.#parts];
  }

  async edit(message: ChatMessage): Promise<void> {
    const keyboard = inlineKeyboard(message.buttons);
    const files = await Promise.all((message.files ?? []).map(asVoiceNote));
    if (files.length === 0) {
      await this.#editPrimary(message.text, keyboard);
      return;
    }
    const sent = await this.outbox.sendMedia(this.place, files, {
      replyTo: this.#primary.id,
      ...(keyboard ? { keyboard } : {}),
    });
    this.#parts.push(...sent.ids);
    // A media group cannot carry a keyboard: then it stays on the text.
    await this.#editPrimary(message.text, sent.keyboardOn === undefined ? keyboard : undefined);
    await this.outbox.rememberGroup(this.place.chatId, this.messageIds);
  }

  async delete(): Promise<void> {
    const group = (await this.outbox.groupOf(this.place.chatId, this.#primary.id)) ?? [];
    try {
      await this.outbox.deleteMessages(this.place.chatId, [...this.messageIds, ...group]);
    } catch (error) {
      if (!isMessageGone(error)) throw error;
    }
  }

  async #editPrimary(text: string, keyboard: ReturnType<typeof inlineKeyboard>): Promise<void> {
    try {
      await this.outbox.editText(this.place, this.#primary.id, this.#primary.isMedia, text, keyboard);
    } catch (error) {
      if (!isMessageGone(error)) throw error;
      // Someone deleted the status message: say it anew rather than lose the result.
      const id = await this.outbox.sendText(this.place, text, keyboard ? { keyboard } : {});
      this.#parts.push(this.#primary.id);
      this.#primary = { id, isMedia: false };
    }
  }
}
