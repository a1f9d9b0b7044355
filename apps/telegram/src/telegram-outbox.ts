import type { ChatFile, SurfaceLimits } from '@genhub/chat';
import type { Logger, RecordStore } from '@genhub/core';
import { type Api, InputFile, InputMediaBuilder } from 'grammy';
import type { InlineKeyboardMarkup, InputMediaDocument } from 'grammy/types';
import { lastCarriesKeyboard, type MediaItem, mediaBatches } from './media-batches.js';
import type { MediaMethod, UploadAction } from './media-method.js';
import { uploadActionFor } from './media-method.js';
import { surfaceLimits } from './surface-limits.js';
import type { TelegramConfig } from './telegram-config.js';
import { describeTelegramError, isFileRefused, isNotModified } from './telegram-errors.js';

/** Where messages go: a chat, and a forum topic in it. */
export interface ChatPlace {
  chatId: number;
  threadId?: number;
}

/** What sending files produced: the message ids, and which one carries the keyboard (none for a media group). */
export interface SentMedia {
  ids: number[];
  keyboardOn?: number;
}

export interface SendOptions {
  /** The message this one answers; sent anyway if it is gone. */
  replyTo?: number;
  keyboard?: InlineKeyboardMarkup;
}

const GROUPS = 'telegram.message-group';
/** Telegram lets a bot delete its messages for 48 hours. */
const GROUP_TTL_MS = 48 * 60 * 60 * 1000;
/** A chat action shows for about five seconds; long uploads repeat it. */
const ACTION_REPEAT_MS = 4000;

/**
 * Every Bot API call the GenHub surface makes: text, edits, files by the right method (a photo that
 * Telegram refuses is sent again as a document), media groups, chat actions, deletes. Remembers which
 * messages make up one GenHub message, so its Delete button removes all of them, even after a restart.
 */
export class TelegramOutbox {
  constructor(
    readonly api: Api,
    readonly config: TelegramConfig,
    private readonly records: RecordStore,
    private readonly logger: Logger,
  ) {}

  limits(isPrivate: boolean): SurfaceLimits {
    return surfaceLimits(this.config, isPrivate);
  }

  /** How these files would go out. */
  batches(files: readonly ChatFile[]): MediaItem[][] {
    return mediaBatches(files, this.config.photoLimitBytes);
  }

  /** Whether sending these files leaves the keyboard on their last message (false for a media group). */
  mediaCarriesKeyboard(files: readonly ChatFile[]): boolean {
    return lastCarriesKeyboard(this.batches(files));
  }

  async sendText(place: ChatPlace, text: string, options: SendOptions = {}): Promise<number> {
    const sent = await this.api.sendMessage(place.chatId, fit(text, 4096), {
      ...this.#common(place, options.replyTo),
      ...(options.keyboard ? { reply_markup: options.keyboard } : {}),
    });
    return sent.message_id;
  }

  /** Edits a message's text (or a media message's caption); the keyboard goes when none is given. */
  async editText(
    place: ChatPlace,
    messageId: number,
    isMedia: boolean,
    text: string,
    keyboard: InlineKeyboardMarkup | undefined,
  ): Promise<void> {
    const markup = keyboard ? { reply_markup: keyboard } : {};
    try {
      if (isMedia)
        await this.api.editMessageCaption(place.chatId, messageId, { caption: fit(text, 1024), ...markup });
      else await this.api.editMessageText(place.chatId, messageId, fit(text, 4096), markup);
    } catch (error) {
      if (!isNotModified(error)) throw error;
    }
  }

  /**
   * Sends files: as media groups where they can share one, else one message each, the keyboard on
   * the last one when it is a single message. `caption` goes on the first message.
   */
  async sendMedia(
    place: ChatPlace,
    files: readonly ChatFile[],
    options: SendOptions & { caption?: string } = {},
  ): Promise<SentMedia> {
    const batches = this.batches(files);
    const ids: number[] = [];
    let keyboardOn: number | undefined;
    const action = uploadActionFor(batches[0]?.[0]?.method ?? 'document');
    const repeat = setInterval(() => void this.chatAction(place, action), ACTION_REPEAT_MS);
    repeat.unref();
    try {
      for (const [index, batch] of batches.entries()) {
        const last = index === batches.length - 1;
        const caption = index === 0 ? options.caption : undefined;
        const [single] = batch;
        if (batch.length === 1 && single) {
          const keyboard = last ? options.keyboard : undefined;
          const id = await this.#sendOne(place, single, { replyTo: options.replyTo, caption, keyboard });
          ids.push(id);
          if (keyboard) keyboardOn = id;
        } else {
          ids.push(...(await this.#sendGroup(place, batch, options.replyTo, caption)));
        }
      }
    } finally {
      clearInterval(repeat);
    }
    return { ids, ...(keyboardOn !== undefined ? { keyboardOn } : {}) };
  }

  /** Says a file is being sent; failures are only logged (by the API log). */
  async chatAction(place: ChatPlace, action: UploadAction | 'typing'): Promise<void> {
    await this.api
      .sendChatAction(
        place.chatId,
        action,
        place.threadId !== undefined ? { message_thread_id: place.threadId } : {},
      )
      .catch(() => {});
  }

  async deleteMessages(chatId: number, ids: readonly number[]): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length === 1) await this.api.deleteMessage(chatId, unique[0] as number);
    else if (unique.length > 1) await this.api.deleteMessages(chatId, unique);
  }

  /** Remembers that these messages make up one GenHub message, under each of their ids. */
  async rememberGroup(chatId: number, ids: readonly number[]): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length < 2) return;
    try {
      for (const id of unique)
        await this.records.put(GROUPS, `${chatId}:${id}`, unique, { ttlMs: GROUP_TTL_MS });
    } catch (error) {
      this.logger.warn('could not remember a Telegram message group', { error: String(error) });
    }
  }

  /** The messages that make up the GenHub message this one belongs to, when there are several. */
  async groupOf(chatId: number, messageId: number): Promise<number[] | undefined> {
    const stored = await this.records.get(GROUPS, `${chatId}:${messageId}`).catch(() => undefined);
    return Array.isArray(stored) && stored.every((id) => typeof id === 'number') ? stored : undefined;
  }

  async #sendOne(
    place: ChatPlace,
    item: MediaItem,
    options: {
      replyTo: number | undefined;
      caption: string | undefined;
      keyboard: InlineKeyboardMarkup | undefined;
    },
  ): Promise<number> {
    const extra = {
      ...this.#common(place, options.replyTo),
      ...(options.caption !== undefined ? { caption: fit(options.caption, 1024) } : {}),
      ...(options.keyboard ? { reply_markup: options.keyboard } : {}),
    };
    try {
      return await this.#sendAs(item.method, place.chatId, await inputFile(item.file), {
        ...extra,
        ...spoilerOf(item),
      });
    } catch (error) {
      if (item.method === 'document' || !isFileRefused(error)) throw error;
      this.logger.info('Telegram refused a file as sent; sending it as a document', {
        method: item.method,
        error: describeTelegramError(error, this.config.token),
      });
      return await this.#sendAs('document', place.chatId, await inputFile(item.file), extra);
    }
  }

  async #sendAs(
    method: MediaMethod,
    chatId: number,
    file: InputFile,
    extra: Record<string, unknown>,
  ): Promise<number> {
    switch (method) {
      case 'photo':
        return (await this.api.sendPhoto(chatId, file, extra)).message_id;
      case 'animation':
        return (await this.api.sendAnimation(chatId, file, extra)).message_id;
      case 'video':
        return (await this.api.sendVideo(chatId, file, extra)).message_id;
      case 'audio':
        return (await this.api.sendAudio(chatId, file, extra)).message_id;
      case 'voice':
        return (await this.api.sendVoice(chatId, file, extra)).message_id;
      case 'document':
        return (await this.api.sendDocument(chatId, file, extra)).message_id;
    }
  }

  async #sendGroup(
    place: ChatPlace,
    batch: readonly MediaItem[],
    replyTo: number | undefined,
    caption: string | undefined,
  ): Promise<number[]> {
    const media = await Promise.all(
      batch.map(async (item, index) => {
        const options = {
          ...(index === 0 && caption !== undefined ? { caption: fit(caption, 1024) } : {}),
          ...spoilerOf(item),
        };
        const file = await inputFile(item.file);
        switch (item.method) {
          case 'photo':
            return InputMediaBuilder.photo(file, options);
          case 'video':
            return InputMediaBuilder.video(file, options);
          case 'audio':
            return InputMediaBuilder.audio(file, options);
          default:
            return InputMediaBuilder.document(file, options);
        }
      }),
    );
    try {
      const sent = await this.api.sendMediaGroup(
        place.chatId,
        media as InputMediaDocument[],
        this.#common(place, replyTo),
      );
      return sent.map((message) => message.message_id);
    } catch (error) {
      if (!isFileRefused(error)) throw error;
      // One file Telegram would not take spoils the group: send them one by one (documents where needed).
      this.logger.info('Telegram refused a media group; sending its files one by one', {
        error: describeTelegramError(error, this.config.token),
      });
      const ids: number[] = [];
      for (const [index, item] of batch.entries()) {
        ids.push(
          await this.#sendOne(place, item, {
            replyTo,
            caption: index === 0 ? caption : undefined,
            keyboard: undefined,
          }),
        );
      }
      return ids;
    }
  }

  #common(place: ChatPlace, replyTo: number | undefined) {
    return {
      ...(place.threadId !== undefined ? { message_thread_id: place.threadId } : {}),
      ...(replyTo !== undefined
        ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }
        : {}),
    };
  }
}

/** Text within a Telegram limit (never empty: Telegram refuses empty messages). */
export function fit(text: string, max: number): string {
  const trimmed = text.trim() === '' ? '…' : text;
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1)}…`;
}

/** Telegram blurs a photo, video or animation sent with `has_spoiler` until it is tapped. */
function spoilerOf(item: MediaItem): { has_spoiler?: true } {
  const covered = item.method === 'photo' || item.method === 'video' || item.method === 'animation';
  return covered && item.file.spoiler === true ? { has_spoiler: true } : {};
}

/** A file to upload: streamed from the artifact store where it can be (grammY asks anew on a retry). */
async function inputFile(file: ChatFile): Promise<InputFile> {
  const stream = file.stream?.bind(file);
  return new InputFile(stream ?? (await file.read()), file.name);
}
