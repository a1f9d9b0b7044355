import {
  ButtonStyle,
  ChannelType,
  ComponentType,
  type DiscordCommand,
  type DiscordComponent,
  InteractionCallbackType,
  type JsonObject,
  MessageFlag,
} from './discord-api-shapes.js';
import { interactionToken, snowflakes } from './discord-ids.js';
import {
  DISCORD_ALL_PERMISSIONS,
  type DiscordPermissionsInput,
  discordPermissionBits,
  EVERYONE_PERMISSIONS,
  effectivePermissions,
} from './discord-permissions.js';

/** A Discord user the fake knows, with how they appear as a member of its guilds. */
export interface DiscordFakeUser {
  readonly id: string;
  readonly username: string;
  readonly globalName: string | null;
  readonly bot: boolean;
  /** The client language sent as the interaction's `locale`. */
  readonly locale: string;
  /** Member permissions given outright (a bitfield string); otherwise they follow from the roles. */
  readonly permissions: string | undefined;
  /** Role ids the user has in every guild of the fake. */
  readonly roles: readonly string[];
  readonly nick: string | null;
}

/** How a test describes a user: everything optional. */
export interface DiscordUserSpec {
  id?: string;
  username?: string;
  globalName?: string | null;
  bot?: boolean;
  /** `en-US` unless given. */
  locale?: string;
  /** Such as `['Administrator']`, `['ManageGuild']`, `"32"` or `1n << 5n`; administrators get every bit. */
  permissions?: DiscordPermissionsInput;
  /** Roles (or role ids) the member has; their permissions add to `@everyone`'s. */
  roles?: readonly (string | DiscordFakeRole)[];
  nick?: string | null;
}

export interface DiscordFakeRole {
  readonly id: string;
  readonly guildId: string;
  readonly name: string;
  /** Bitfield string. */
  readonly permissions: string;
  readonly position: number;
  /** The bot's own role is managed by its integration. */
  readonly managed: boolean;
  readonly botId: string | undefined;
}

export interface DiscordFakeChannel {
  readonly id: string;
  /** 0 guild text, 1 DM, 11 public thread. */
  readonly type: number;
  readonly name: string | null;
  readonly guildId: string | undefined;
  /** The other user of a DM channel. */
  readonly recipientId: string | undefined;
  readonly position: number;
  /** Age-restricted (Discord's `nsfw` flag) on a guild text channel; a thread has none of its own. */
  readonly nsfw: boolean;
  /** A thread's channel, whose age restriction it follows. */
  readonly parentId: string | undefined;
}

/** A guild text channel as the fake's options name it: its name, or its name and age restriction. */
export type DiscordChannelSpec = string | { name: string; nsfw?: boolean };

export interface DiscordFakeGuild {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  readonly locale: string;
  readonly channels: readonly DiscordFakeChannel[];
  /** `@everyone` (whose id is the guild's), the bot's role, then roles added by tests. */
  readonly roles: readonly DiscordFakeRole[];
  /** Ids of the members: the bot, the owner, and every user that acted there. */
  readonly memberIds: readonly string[];
  readonly joinedAt: string;
}

/** A file on a message or an interaction, with its bytes, served by the fake at `url` and `proxyUrl`. */
export interface DiscordFakeAttachment {
  readonly id: string;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  readonly bytes: Uint8Array;
  readonly url: string;
  readonly proxyUrl: string;
  readonly width: number | undefined;
  readonly height: number | undefined;
  readonly description: string | undefined;
  readonly title: string | undefined;
  /** Files a user attached to a command are ephemeral attachments. */
  readonly ephemeral: boolean;
}

/** What a message looked like at one point. */
export interface DiscordFakeMessageState {
  readonly content: string;
  readonly embeds: readonly JsonObject[];
  readonly components: readonly DiscordComponent[];
  readonly attachments: readonly DiscordFakeAttachment[];
  readonly flags: number;
}

/** One version of a message, with the request that made it. */
export interface DiscordFakeMessageVersion extends DiscordFakeMessageState {
  /** ISO time. */
  readonly at: string;
  /** Such as `callback 5`, `PATCH @original`, `followup`, `channel POST`. */
  readonly via: string;
}

/** A button as a test reads it off a message. */
export interface DiscordFakeButton {
  readonly customId: string | undefined;
  readonly label: string | undefined;
  readonly style: number;
  readonly url: string | undefined;
  readonly disabled: boolean;
  /** Row index, then index in the row. */
  readonly row: number;
  readonly index: number;
}

export interface DiscordFakeMessage extends DiscordFakeMessageState {
  readonly id: string;
  readonly channelId: string;
  readonly guildId: string | undefined;
  readonly authorId: string;
  /** The application id, for messages sent through an interaction's webhook. */
  readonly webhookId: string | undefined;
  /** The interaction that created the message, if any. */
  readonly interactionId: string | undefined;
  readonly type: number;
  readonly createdAt: string;
  readonly editedAt: string | null;
  readonly deleted: boolean;
  readonly ephemeral: boolean;
  /** A deferred response that has not been edited yet ("Bot is thinking..."). */
  readonly loading: boolean;
  /** Every version, the first being the one created; the last is the current state. */
  readonly versions: readonly DiscordFakeMessageVersion[];
  /** Buttons of every action row, in order. */
  buttons(): DiscordFakeButton[];
  /** The button with this custom id or label. */
  button(customIdOrLabel: string): DiscordFakeButton | undefined;
}

/** An interaction callback the fake accepted. */
export interface DiscordFakeCallback {
  readonly type: number;
  readonly data: JsonObject | undefined;
  readonly at: string;
}

/** A command, autocomplete or component interaction the fake dispatched, and what the bot did with it. */
export interface DiscordFakeInteraction {
  readonly id: string;
  readonly token: string;
  /** 2 command, 3 component, 4 autocomplete. */
  readonly type: number;
  /** The command's name (commands and autocomplete). */
  readonly commandName: string | undefined;
  /** The component's custom id (components). */
  readonly customId: string | undefined;
  /** The INTERACTION_CREATE payload as dispatched. */
  readonly payload: JsonObject;
  readonly user: DiscordFakeUser;
  readonly guildId: string | undefined;
  readonly channelId: string;
  readonly attachmentSizeLimit: number;
  /** For components: the message the component was on. */
  readonly sourceMessageId: string | undefined;
  /** Accepted callbacks: at most one. */
  readonly callbacks: readonly DiscordFakeCallback[];
  readonly acknowledged: boolean;
  /** The accepted callback's type. */
  readonly responseType: number | undefined;
  /** Choices given by an autocomplete result (callback 8). */
  readonly choices: readonly JsonObject[] | undefined;
  /** A modal shown (callback 9). */
  readonly modal: JsonObject | undefined;
  /** Whether the token was expired by `expire()`. */
  readonly expired: boolean;
  /** The `@original` response message. */
  original(): DiscordFakeMessage | undefined;
  /** Followup messages, in order. */
  followups(): DiscordFakeMessage[];
  /** The original then the followups. */
  messages(): DiscordFakeMessage[];
  /** Expires the token, as Discord does after 15 minutes: webhook calls then answer 401 Invalid Webhook Token. */
  expire(): void;
}

interface MutableGuild extends DiscordFakeGuild {
  channels: DiscordFakeChannel[];
  roles: DiscordFakeRole[];
  memberIds: string[];
}

class MessageRecord implements DiscordFakeMessage {
  content = '';
  embeds: JsonObject[] = [];
  components: DiscordComponent[] = [];
  attachments: DiscordFakeAttachment[] = [];
  flags = 0;
  editedAt: string | null = null;
  deleted = false;
  readonly versions: DiscordFakeMessageVersion[] = [];
  readonly createdAt = new Date().toISOString();

  constructor(
    readonly id: string,
    readonly channelId: string,
    readonly guildId: string | undefined,
    readonly authorId: string,
    readonly webhookId: string | undefined,
    readonly interactionId: string | undefined,
    readonly type: number,
  ) {}

  get ephemeral(): boolean {
    return (this.flags & MessageFlag.Ephemeral) !== 0;
  }

  get loading(): boolean {
    return (this.flags & MessageFlag.Loading) !== 0;
  }

  apply(next: DiscordFakeMessageState, via: string): void {
    const at = new Date().toISOString();
    if (this.versions.length > 0) this.editedAt = at;
    this.content = next.content;
    this.embeds = [...next.embeds];
    this.components = [...next.components];
    this.attachments = [...next.attachments];
    this.flags = next.flags;
    this.versions.push({ ...next, at, via });
  }

  buttons(): DiscordFakeButton[] {
    const buttons: DiscordFakeButton[] = [];
    this.components.forEach((row, rowIndex) => {
      (row.components ?? []).forEach((component, index) => {
        if (component.type !== ComponentType.Button) return;
        buttons.push({
          customId: component.custom_id,
          label: component.label,
          style: component.style ?? ButtonStyle.Primary,
          url: component.url,
          disabled: component.disabled === true,
          row: rowIndex,
          index,
        });
      });
    });
    return buttons;
  }

  button(customIdOrLabel: string): DiscordFakeButton | undefined {
    const buttons = this.buttons();
    return (
      buttons.find((button) => button.customId === customIdOrLabel) ??
      buttons.find((button) => button.label === customIdOrLabel)
    );
  }
}

class InteractionRecord implements DiscordFakeInteraction {
  readonly callbacks: DiscordFakeCallback[] = [];
  choices: JsonObject[] | undefined;
  modal: JsonObject | undefined;
  expired = false;
  originalId: string | undefined;
  readonly followupIds: string[] = [];
  readonly createdAtMs = Date.now();

  constructor(
    private readonly state: DiscordFakeState,
    readonly id: string,
    readonly token: string,
    readonly type: number,
    readonly commandName: string | undefined,
    readonly customId: string | undefined,
    readonly payload: JsonObject,
    readonly user: DiscordFakeUser,
    readonly guildId: string | undefined,
    readonly channelId: string,
    readonly attachmentSizeLimit: number,
    readonly sourceMessageId: string | undefined,
  ) {}

  get acknowledged(): boolean {
    return this.callbacks.length > 0;
  }

  get responseType(): number | undefined {
    return this.callbacks[0]?.type;
  }

  original(): DiscordFakeMessage | undefined {
    return this.originalId === undefined ? undefined : this.state.message(this.originalId);
  }

  followups(): DiscordFakeMessage[] {
    return this.followupIds.flatMap((id) => this.state.message(id) ?? []);
  }

  messages(): DiscordFakeMessage[] {
    const original = this.original();
    return [...(original ? [original] : []), ...this.followups()];
  }

  expire(): void {
    this.expired = true;
  }
}

export interface DiscordFakeStateOptions {
  cdnBaseUrl: string;
  botUser: { id: string; username: string };
  botPermissions: bigint;
  guilds: ReadonlyArray<{ name: string; channels: readonly DiscordChannelSpec[]; id?: string | undefined }>;
}

/** What a message event means for the gateway. */
export type MessageEvent = { kind: 'create' | 'update' | 'delete'; message: DiscordFakeMessage };

/** The fake's world: users, guilds, channels, messages, interactions and registered commands. */
export class DiscordFakeState {
  readonly nextId = snowflakes(1);
  readonly users = new Map<string, DiscordFakeUser>();
  readonly guilds: MutableGuild[] = [];
  readonly channels = new Map<string, DiscordFakeChannel>();
  readonly messages = new Map<string, MessageRecord>();
  readonly attachments = new Map<string, DiscordFakeAttachment>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly interactionsByToken = new Map<string, InteractionRecord>();
  /** Commands by scope: `global` or a guild id. */
  readonly commands = new Map<string, DiscordCommand[]>();
  readonly botUser: DiscordFakeUser;
  private readonly changeListeners = new Set<() => void>();
  private readonly messageListeners = new Set<(event: MessageEvent) => void>();

  constructor(private readonly options: DiscordFakeStateOptions) {
    this.botUser = this.addUser({ ...options.botUser, bot: true, globalName: null });
    for (const guild of options.guilds) this.addGuild(guild.name, guild.channels, guild.id);
  }

  /** Calls `listener` after every change the fake notices; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  changed(): void {
    for (const listener of [...this.changeListeners]) listener();
  }

  onMessage(listener: (event: MessageEvent) => void): void {
    this.messageListeners.add(listener);
  }

  addUser(spec: DiscordUserSpec = {}): DiscordFakeUser {
    const id = spec.id ?? this.nextId();
    const roles = (spec.roles ?? []).map((role) => (typeof role === 'string' ? role : role.id));
    const user: DiscordFakeUser = {
      id,
      username: spec.username ?? `user${id.slice(-4)}`,
      globalName: spec.globalName === undefined ? (spec.username ?? `User ${id.slice(-4)}`) : spec.globalName,
      bot: spec.bot ?? false,
      locale: spec.locale ?? 'en-US',
      permissions:
        spec.permissions === undefined ? undefined : discordPermissionBits(spec.permissions).toString(),
      roles,
      nick: spec.nick ?? null,
    };
    this.users.set(id, user);
    return user;
  }

  addGuild(name: string, channelSpecs: readonly DiscordChannelSpec[], id = this.nextId()): DiscordFakeGuild {
    const owner = this.addUser({ username: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}owner` });
    const guild: MutableGuild = {
      id,
      name,
      ownerId: owner.id,
      locale: 'en-US',
      channels: [],
      roles: [],
      memberIds: [this.botUser.id, owner.id],
      joinedAt: new Date().toISOString(),
    };
    guild.roles.push({
      id,
      guildId: id,
      name: '@everyone',
      permissions: EVERYONE_PERMISSIONS.toString(),
      position: 0,
      managed: false,
      botId: undefined,
    });
    guild.roles.push({
      id: this.nextId(),
      guildId: id,
      name: this.botUser.username,
      permissions: this.options.botPermissions.toString(),
      position: 1,
      managed: true,
      botId: this.botUser.id,
    });
    channelSpecs.forEach((spec, position) => {
      const channel: DiscordFakeChannel = {
        id: this.nextId(),
        type: ChannelType.GuildText,
        name: typeof spec === 'string' ? spec : spec.name,
        guildId: id,
        recipientId: undefined,
        position,
        nsfw: typeof spec === 'string' ? false : spec.nsfw === true,
        parentId: undefined,
      };
      guild.channels.push(channel);
      this.channels.set(channel.id, channel);
    });
    this.guilds.push(guild);
    return guild;
  }

  addRole(guildId: string, name: string, permissions: bigint): DiscordFakeRole {
    const guild = this.guild(guildId);
    if (!guild) throw new Error(`The Discord fake has no guild ${guildId}.`);
    const role: DiscordFakeRole = {
      id: this.nextId(),
      guildId,
      name,
      permissions: permissions.toString(),
      position: guild.roles.length,
      managed: false,
      botId: undefined,
    };
    guild.roles.push(role);
    return role;
  }

  guild(id: string): MutableGuild | undefined {
    return this.guilds.find((guild) => guild.id === id);
  }

  channel(id: string): DiscordFakeChannel | undefined {
    return this.channels.get(id);
  }

  /** A public thread in a guild text channel; it follows the channel's age restriction. */
  addThread(parentId: string, name: string): DiscordFakeChannel {
    const parent = this.channel(parentId);
    if (!parent || parent.guildId === undefined || parent.type !== ChannelType.GuildText)
      throw new Error(`The Discord fake has no guild text channel ${parentId} to start a thread in.`);
    const thread: DiscordFakeChannel = {
      id: this.nextId(),
      type: ChannelType.PublicThread,
      name,
      guildId: parent.guildId,
      recipientId: undefined,
      position: 0,
      nsfw: false,
      parentId: parent.id,
    };
    this.channels.set(thread.id, thread);
    return thread;
  }

  /** Active threads of a guild, for GUILD_CREATE. */
  threadsOf(guildId: string): DiscordFakeChannel[] {
    return [...this.channels.values()].filter(
      (channel) => channel.guildId === guildId && channel.type === ChannelType.PublicThread,
    );
  }

  /** The DM channel between the bot and `user`, made on first use. */
  dmChannel(userId: string): DiscordFakeChannel {
    for (const channel of this.channels.values()) {
      if (channel.type === ChannelType.Dm && channel.recipientId === userId) return channel;
    }
    const channel: DiscordFakeChannel = {
      id: this.nextId(),
      type: ChannelType.Dm,
      name: null,
      guildId: undefined,
      recipientId: userId,
      position: 0,
      nsfw: false,
      parentId: undefined,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** Makes `user` a member of `guildId` (users join a guild the first time they act there). */
  join(guildId: string, userId: string): void {
    const guild = this.guild(guildId);
    if (guild && !guild.memberIds.includes(userId)) guild.memberIds.push(userId);
  }

  /** Roles of a member, `@everyone` excluded, limited to roles of that guild. */
  memberRoles(guildId: string, user: DiscordFakeUser): string[] {
    const guild = this.guild(guildId);
    if (!guild) return [];
    if (user.id === this.botUser.id)
      return guild.roles.filter((role) => role.botId === user.id).map((r) => r.id);
    return user.roles.filter((id) => guild.roles.some((role) => role.id === id && id !== guildId));
  }

  /** A member's permissions in a guild: explicit ones, else `@everyone` plus their roles; owners get all. */
  memberPermissions(guildId: string, user: DiscordFakeUser): bigint {
    const guild = this.guild(guildId);
    if (!guild) return 0n;
    if (guild.ownerId === user.id) return DISCORD_ALL_PERMISSIONS;
    if (user.permissions !== undefined) return effectivePermissions(BigInt(user.permissions));
    let bits = BigInt(guild.roles.find((role) => role.id === guild.id)?.permissions ?? '0');
    for (const roleId of this.memberRoles(guildId, user)) {
      bits |= BigInt(guild.roles.find((role) => role.id === roleId)?.permissions ?? '0');
    }
    return effectivePermissions(bits);
  }

  message(id: string): MessageRecord | undefined {
    return this.messages.get(id);
  }

  createMessage(init: {
    channelId: string;
    authorId: string;
    webhookId?: string | undefined;
    interactionId?: string | undefined;
    type: number;
    state: DiscordFakeMessageState;
    via: string;
  }): MessageRecord {
    const channel = this.channel(init.channelId);
    const message = new MessageRecord(
      this.nextId(),
      init.channelId,
      channel?.guildId,
      init.authorId,
      init.webhookId,
      init.interactionId,
      init.type,
    );
    message.apply(init.state, init.via);
    this.messages.set(message.id, message);
    this.emitMessage({ kind: 'create', message });
    return message;
  }

  editMessage(message: MessageRecord, next: DiscordFakeMessageState, via: string): void {
    message.apply(next, via);
    this.emitMessage({ kind: 'update', message });
  }

  deleteMessage(message: MessageRecord): void {
    message.deleted = true;
    this.emitMessage({ kind: 'delete', message });
  }

  private emitMessage(event: MessageEvent): void {
    for (const listener of this.messageListeners) listener(event);
  }

  /** Stores a file and gives it CDN-like URLs on the fake. */
  addAttachment(init: {
    folder: 'attachments' | 'ephemeral-attachments';
    channelId: string;
    filename: string;
    bytes: Uint8Array;
    contentType: string;
    width?: number | undefined;
    height?: number | undefined;
    description?: string | undefined;
    title?: string | undefined;
  }): DiscordFakeAttachment {
    const id = this.nextId();
    const now = Math.floor(Date.now() / 1000);
    const signature = `?ex=${(now + 86_400).toString(16)}&is=${now.toString(16)}&hm=${id.slice(-8)}${'0'.repeat(56)}&`;
    const path = `${init.folder}/${init.channelId}/${id}/${encodeURIComponent(init.filename)}`;
    const attachment: DiscordFakeAttachment = {
      id,
      filename: init.filename,
      contentType: init.contentType,
      size: init.bytes.byteLength,
      bytes: init.bytes,
      url: `${this.options.cdnBaseUrl}/${path}${signature}`,
      proxyUrl: `${this.options.cdnBaseUrl}/media/${path}${signature}`,
      width: init.width,
      height: init.height,
      description: init.description,
      title: init.title,
      ephemeral: init.folder === 'ephemeral-attachments',
    };
    this.attachments.set(id, attachment);
    return attachment;
  }

  createInteraction(init: {
    id: string;
    type: number;
    commandName?: string | undefined;
    customId?: string | undefined;
    payload: JsonObject;
    user: DiscordFakeUser;
    guildId: string | undefined;
    channelId: string;
    attachmentSizeLimit: number;
    sourceMessageId?: string | undefined;
  }): InteractionRecord {
    const token = typeof init.payload.token === 'string' ? init.payload.token : interactionToken(init.id);
    const record = new InteractionRecord(
      this,
      init.id,
      token,
      init.type,
      init.commandName,
      init.customId,
      init.payload,
      init.user,
      init.guildId,
      init.channelId,
      init.attachmentSizeLimit,
      init.sourceMessageId,
    );
    this.interactions.set(record.id, record);
    this.interactionsByToken.set(record.token, record);
    return record;
  }

  /** Records an accepted callback on an interaction. */
  acknowledge(interaction: InteractionRecord, type: number, data: JsonObject | undefined): void {
    interaction.callbacks.push({ type, data, at: new Date().toISOString() });
    if (type === InteractionCallbackType.ApplicationCommandAutocompleteResult) {
      interaction.choices = Array.isArray(data?.choices) ? (data.choices as JsonObject[]) : [];
    }
    if (type === InteractionCallbackType.Modal) interaction.modal = data;
  }
}

export type { InteractionRecord, MessageRecord };
