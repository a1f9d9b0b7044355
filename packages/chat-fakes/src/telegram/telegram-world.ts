import { randomBytes } from 'node:crypto';
import { badRequest, TelegramErrors } from './telegram-errors.js';
import type {
  TgChat,
  TgChatMember,
  TgChatMemberStatus,
  TgChatType,
  TgMessage,
  TgPhotoSize,
  TgUser,
} from './telegram-types.js';

/**
 * The fake's world: users, chats with their members, every message in every chat with each of its
 * versions, and every file with its bytes.
 */

export type TelegramFileKind = 'photo' | 'video' | 'animation' | 'audio' | 'voice' | 'document' | 'thumbnail';

/** A file the fake knows: uploaded by the bot, sent by a simulated user, or given to it by URL. */
export interface TelegramFakeFile {
  fileId: string;
  fileUniqueId: string;
  kind: TelegramFileKind;
  /** What getFile answers; the file downloads at `/file/bot<token>/<filePath>`. */
  filePath: string;
  /** Absent for a file the bot gave by HTTP URL (the fake does not fetch URLs). */
  bytes?: Uint8Array;
  /** The URL the bot gave instead of uploading. */
  url?: string;
  filename?: string;
  mimeType?: string;
  width?: number;
  height?: number;
}

/** One message in a chat, with every version it had. */
export interface TelegramFakeMessage {
  readonly chatId: number;
  readonly messageId: number;
  /** True for messages the bot sent, false for the ones simulated users sent. */
  readonly fromBot: boolean;
  /** The message as the Bot API shows it now (after its latest edit). */
  message: TgMessage;
  /** Every version, oldest first: as sent, then after each edit. The last one is `message`. */
  readonly versions: TgMessage[];
  deleted: boolean;
  /** The files the message carries (for a photo, the largest size), with their bytes. */
  files: TelegramFakeFile[];
  /** The reply markup the bot sent, whatever its kind (messages only show inline keyboards). */
  replyMarkup?: unknown;
}

/** Rights of an administrator, as ChatMemberAdministrator names them. */
export type TelegramAdminRights = Partial<
  Pick<
    TgChatMember,
    | 'can_manage_chat'
    | 'can_delete_messages'
    | 'can_manage_video_chats'
    | 'can_restrict_members'
    | 'can_promote_members'
    | 'can_change_info'
    | 'can_invite_users'
    | 'can_post_stories'
    | 'can_edit_stories'
    | 'can_delete_stories'
    | 'can_pin_messages'
    | 'can_manage_topics'
    | 'is_anonymous'
    | 'custom_title'
  >
>;

export interface ChatRecord {
  chat: TgChat;
  members: Map<number, TgChatMember>;
  messages: Map<number, TelegramFakeMessage>;
  nextMessageId: number;
  chatInstance: string;
  description?: string;
}

export interface SimulatedUser {
  user: TgUser;
  /** The user blocked the bot: sends to them answer 403. */
  blocked: boolean;
  /** The user never started the bot: sends to them answer 403. */
  started: boolean;
}

const DEFAULT_ADMIN_RIGHTS: TelegramAdminRights = {
  is_anonymous: false,
  can_manage_chat: true,
  can_delete_messages: true,
  can_manage_video_chats: true,
  can_restrict_members: true,
  can_promote_members: false,
  can_change_info: true,
  can_invite_users: true,
  can_post_stories: false,
  can_edit_stories: false,
  can_delete_stories: false,
  can_pin_messages: true,
};

/** A group or supergroup to create, with the people in it. */
export interface TelegramGroupOptions {
  type?: Extract<TgChatType, 'group' | 'supergroup'>;
  id?: number;
  title?: string;
  username?: string;
  owner?: TgUser;
  members?: readonly TgUser[];
  admins?: readonly TgUser[];
  /** Whether the bot is an administrator (false: a plain member); rights default to the usual ones. */
  botIsAdmin?: boolean;
  botRights?: TelegramAdminRights;
  description?: string;
}

/** Everything the fake knows about users, chats, messages and files. */
export class TelegramWorld {
  readonly users = new Map<number, SimulatedUser>();
  readonly chats = new Map<number, ChatRecord>();
  readonly files = new Map<string, TelegramFakeFile>();
  /** Each photo's PhotoSize array, under the file_id of every size, so a resend shows them all. */
  readonly photoGroups = new Map<string, TgPhotoSize[]>();
  private readonly filesByPath = new Map<string, TelegramFakeFile>();
  private fileSequence = 0;
  private userSequence = 0;
  private groupSequence = 0;

  constructor(
    readonly bot: TgUser,
    private readonly now: () => number,
  ) {}

  /** Seconds since the epoch, as message dates are. */
  date(): number {
    return Math.floor(this.now() / 1000);
  }

  addUser(fields: Partial<TgUser> & { blocked?: boolean; started?: boolean } = {}): TgUser {
    this.userSequence += 1;
    const { blocked = false, started = true, ...rest } = fields;
    const user: TgUser = {
      id: 100_000_000 + this.userSequence,
      is_bot: false,
      first_name: `User${this.userSequence}`,
      language_code: 'en',
      ...rest,
    };
    this.users.set(user.id, { user, blocked, started });
    const chat: TgChat = {
      id: user.id,
      type: 'private',
      first_name: user.first_name,
      ...(user.last_name !== undefined ? { last_name: user.last_name } : {}),
      ...(user.username !== undefined ? { username: user.username } : {}),
    };
    this.addChat(chat);
    return user;
  }

  addGroup(options: TelegramGroupOptions): TgChat {
    this.groupSequence += 1;
    const type = options.type ?? 'supergroup';
    const id =
      options.id ??
      (type === 'supergroup' ? -1_000_000_000_000 - this.groupSequence : -4_000_000 - this.groupSequence);
    const chat: TgChat = {
      id,
      type,
      title: options.title ?? `Group ${this.groupSequence}`,
      ...(options.username !== undefined ? { username: options.username } : {}),
    };
    const record = this.addChat(chat);
    if (options.description !== undefined) record.description = options.description;
    if (options.owner) this.setMember(id, options.owner, 'creator');
    for (const user of options.members ?? []) this.setMember(id, user, 'member');
    for (const user of options.admins ?? []) this.setMember(id, user, 'administrator');
    this.setMember(id, this.bot, options.botIsAdmin ? 'administrator' : 'member', options.botRights);
    return chat;
  }

  private addChat(chat: TgChat): ChatRecord {
    const record: ChatRecord = {
      chat,
      members: new Map(),
      messages: new Map(),
      nextMessageId: 1,
      chatInstance: String(BigInt.asUintN(63, BigInt(chat.id) * 6_364_136_223_846_793_005n + 1n)),
    };
    this.chats.set(chat.id, record);
    return record;
  }

  /** Sets a user's membership of a group; rights apply to administrators. */
  setMember(
    chatId: number,
    user: TgUser,
    status: TgChatMemberStatus,
    rights: TelegramAdminRights = {},
  ): TgChatMember {
    const record = this.chats.get(chatId);
    if (!record) throw new Error(`The Telegram fake has no chat ${chatId}.`);
    let member: TgChatMember;
    if (status === 'creator') member = { status, user, is_anonymous: false };
    else if (status === 'administrator') {
      member = { status, user, can_be_edited: false, ...DEFAULT_ADMIN_RIGHTS, ...rights };
      if (record.chat.type === 'supergroup' && member.can_pin_messages === undefined)
        member.can_pin_messages = true;
    } else if (status === 'kicked') member = { status, user, until_date: 0 };
    else member = { status, user };
    record.members.set(user.id, member);
    return member;
  }

  member(chatId: number, userId: number): TgChatMember {
    const record = this.chats.get(chatId);
    const known = record?.members.get(userId);
    if (known) return known;
    const user = userId === this.bot.id ? this.bot : this.users.get(userId)?.user;
    if (!user) throw badRequest(TelegramErrors.userNotFound);
    if (record?.chat.type === 'private') {
      return { status: userId === record.chat.id || userId === this.bot.id ? 'member' : 'left', user };
    }
    return { status: 'left', user };
  }

  /** The chat a `chat_id` parameter names: a number, a numeric string or `@username`. */
  resolveChat(reference: unknown): ChatRecord {
    if (reference === undefined || reference === '') throw badRequest(TelegramErrors.chatIdEmpty);
    if (typeof reference === 'string' && reference.startsWith('@')) {
      const name = reference.slice(1).toLowerCase();
      for (const record of this.chats.values()) {
        if (record.chat.type !== 'private' && record.chat.username?.toLowerCase() === name) return record;
      }
      throw badRequest(TelegramErrors.chatNotFound);
    }
    const id = typeof reference === 'number' ? reference : Number(reference);
    const record = Number.isSafeInteger(id) ? this.chats.get(id) : undefined;
    if (!record) throw badRequest(TelegramErrors.chatNotFound);
    return record;
  }

  /** Adds a message to a chat with the chat's next id and today's date. */
  addMessage(
    record: ChatRecord,
    fields: Omit<TgMessage, 'message_id' | 'date' | 'chat'>,
    fromBot: boolean,
    files: TelegramFakeFile[] = [],
  ): TelegramFakeMessage {
    const messageId = record.nextMessageId;
    record.nextMessageId += 1;
    const message: TgMessage = {
      message_id: messageId,
      from: fields.from ?? this.bot,
      date: this.date(),
      chat: record.chat,
      ...fields,
    };
    const stored: TelegramFakeMessage = {
      chatId: record.chat.id,
      messageId,
      fromBot,
      message,
      versions: [structuredClone(message)],
      deleted: false,
      files,
    };
    record.messages.set(messageId, stored);
    return stored;
  }

  /** Replaces a message with its edited version, keeping the old one in `versions`. */
  edit(stored: TelegramFakeMessage, next: TgMessage): TgMessage {
    const edited: TgMessage = { ...next, edit_date: this.date() };
    stored.message = edited;
    stored.versions.push(structuredClone(edited));
    return edited;
  }

  findMessage(chatId: number, messageId: number): TelegramFakeMessage | undefined {
    const stored = this.chats.get(chatId)?.messages.get(messageId);
    return stored && !stored.deleted ? stored : undefined;
  }

  /** Keeps a file's bytes and gives it a file_id and a download path. */
  addFile(fields: Omit<TelegramFakeFile, 'fileId' | 'fileUniqueId' | 'filePath'>): TelegramFakeFile {
    this.fileSequence += 1;
    const sequence = this.fileSequence;
    const prefix = FILE_ID_PREFIX[fields.kind];
    const file: TelegramFakeFile = {
      ...fields,
      fileId: `${prefix}${sequence.toString(36).padStart(4, '0')}${randomBytes(24).toString('base64url')}`,
      fileUniqueId: `AQAD${sequence.toString(36).padStart(4, '0')}${randomBytes(6).toString('base64url')}`,
      filePath: `${FILE_FOLDERS[fields.kind]}/file_${sequence}.${extensionOf(fields)}`,
    };
    this.files.set(file.fileId, file);
    this.filesByPath.set(file.filePath, file);
    return file;
  }

  fileByPath(path: string): TelegramFakeFile | undefined {
    return this.filesByPath.get(path);
  }

  /**
   * The PhotoSize array Telegram makes of an image: scaled-down copies (90, 320, 800 and 1280 px on
   * the longer side, those smaller than the image) and the image itself, largest last. The fake does
   * not resize: every size downloads as the original bytes.
   */
  photoSizes(
    bytes: Uint8Array,
    fields: { filename?: string; mimeType?: string; url?: string } = {},
  ): { sizes: TgPhotoSize[]; largest: TelegramFakeFile } {
    const { width, height } = imageSize(bytes) ?? { width: 512, height: 512 };
    const longer = Math.max(width, height);
    const targets = [90, 320, 800, 1280].filter((side) => side < longer);
    const sizes: TgPhotoSize[] = [];
    let largest: TelegramFakeFile | undefined;
    for (const side of [...targets, Math.min(longer, 2560)]) {
      const scale = side / longer;
      const size = {
        width: Math.max(1, Math.round(width * scale)),
        height: Math.max(1, Math.round(height * scale)),
      };
      const file = this.addFile({
        kind: 'photo',
        bytes,
        ...size,
        mimeType: fields.mimeType ?? 'image/jpeg',
        ...optionalName(fields),
      });
      largest = file;
      sizes.push({
        file_id: file.fileId,
        file_unique_id: file.fileUniqueId,
        file_size: bytes.byteLength,
        ...size,
      });
    }
    for (const size of sizes) this.photoGroups.set(size.file_id, sizes);
    return { sizes, largest: largest! };
  }
}

function optionalName(fields: { filename?: string; url?: string }): { filename?: string; url?: string } {
  return {
    ...(fields.filename !== undefined ? { filename: fields.filename } : {}),
    ...(fields.url !== undefined ? { url: fields.url } : {}),
  };
}

const FILE_ID_PREFIX: Readonly<Record<TelegramFileKind, string>> = {
  photo: 'AgACAgIAAxkBAAI',
  video: 'BAACAgIAAxkBAAI',
  animation: 'CgACAgIAAxkBAAI',
  audio: 'CQACAgIAAxkBAAI',
  voice: 'AwACAgIAAxkBAAI',
  document: 'BQACAgIAAxkBAAI',
  thumbnail: 'AAMCAgADGQEAAi',
};

/** The folders Telegram's file paths use. */
const FILE_FOLDERS: Readonly<Record<TelegramFileKind, string>> = {
  photo: 'photos',
  video: 'videos',
  animation: 'animations',
  audio: 'music',
  voice: 'voice',
  document: 'documents',
  thumbnail: 'thumbnails',
};

function extensionOf(fields: { kind: TelegramFileKind; filename?: string; mimeType?: string }): string {
  const fromName = /\.([A-Za-z0-9]{1,8})$/.exec(fields.filename ?? '')?.[1];
  if (fromName) return fromName.toLowerCase();
  switch (fields.kind) {
    case 'photo':
    case 'thumbnail':
      return 'jpg';
    case 'video':
    case 'animation':
      return 'mp4';
    case 'audio':
      return 'mp3';
    case 'voice':
      return 'oga';
    default:
      return 'dat';
  }
}

/** Width and height of a PNG, JPEG, GIF or WebP image; undefined for anything else. */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (from: number, length: number) => String.fromCharCode(...bytes.subarray(from, from + length));
  if (bytes.length >= 24 && ascii(1, 3) === 'PNG') {
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes.length >= 10 && ascii(0, 3) === 'GIF') {
    return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  }
  if (bytes.length >= 30 && ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') {
    const chunk = ascii(12, 4);
    if (chunk === 'VP8X') {
      return {
        width: 1 + (view.getUint32(24, true) & 0xffffff),
        height: 1 + (view.getUint32(27, true) & 0xffffff),
      };
    }
    if (chunk === 'VP8 ')
      return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
    if (chunk === 'VP8L') {
      const bits = view.getUint32(21, true);
      return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let offset = 2;
    while (offset + 9 < bytes.length) {
      if (bytes[offset] !== 0xff) return undefined;
      const marker = bytes[offset + 1]!;
      const length = view.getUint16(offset + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: view.getUint16(offset + 7), height: view.getUint16(offset + 5) };
      }
      offset += 2 + length;
    }
  }
  return undefined;
}
