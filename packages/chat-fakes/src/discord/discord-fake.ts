import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { type FakeCall, type FakeServer, startFakeServer } from '@genhub/testkit/fake-server';
import {
  ChannelType,
  CommandType,
  ComponentType,
  type DiscordCommand,
  GatewayIntent,
  InteractionType,
  type JsonObject,
} from './discord-api-shapes.js';
import { type DiscordFakeGateway, startDiscordGateway } from './discord-fake-gateway.js';
import { apiChannel, apiMessage, interactionBase } from './discord-fake-payloads.js';
import {
  installDiscordRoutes,
  parseRouteKey,
  pathMatches,
  type ScriptedRateLimit,
} from './discord-fake-rest.js';
import {
  type DiscordChannelSpec,
  type DiscordFakeChannel,
  type DiscordFakeGuild,
  type DiscordFakeInteraction,
  type DiscordFakeMessage,
  type DiscordFakeRole,
  DiscordFakeState,
  type DiscordFakeUser,
  type DiscordUserSpec,
} from './discord-fake-state.js';
import { botToken, interactionToken, snowflakes } from './discord-ids.js';
import {
  buildInteractionOptions,
  type DiscordFakeFile,
  type DiscordOptionValue,
} from './discord-interaction-options.js';
import {
  BOT_PERMISSIONS,
  type DiscordPermissionsInput,
  discordPermissionBits,
  effectivePermissions,
} from './discord-permissions.js';

/**
 * A fake of Discord for bots built on discord.js: the REST API (interaction callbacks, webhooks,
 * messages, commands), a CDN for attachments and a gateway WebSocket, on 127.0.0.1. Point a real
 * discord.js `Client` at it with `rest: { api: fake.apiUrl }` and `client.login(fake.token)`; then
 * play users with `runCommand`, `autocomplete` and `pressButton`, and read what the bot did from the
 * message model, with every version of every message.
 */

export interface DiscordFakeOptions {
  /** The bot token; a fresh Discord-shaped one unless given. */
  token?: string;
  /** The application id, which is also the bot user's id. */
  applicationId?: string;
  /** `GenHub` unless given. */
  botUsername?: string;
  /** The application's name; the bot's username unless given. */
  applicationName?: string;
  /**
   * Guilds the bot is in, each with its text channels (a name, or `{ name, nsfw: true }` for an
   * age-restricted one); one guild with `#general` unless given. An `id` chooses its shard
   * (`discordGuildIdOnShard`); a fresh snowflake unless given.
   */
  guilds?: ReadonlyArray<{ name: string; channels?: readonly DiscordChannelSpec[]; id?: string }>;
  /** Permissions of the bot's role; send, embed, attach, read history and the like unless given. */
  botPermissions?: DiscordPermissionsInput;
  /** Privileged intents switched on in the "developer portal"; all unless given. Others close with 4014. */
  privilegedIntents?: ReadonlyArray<'GuildMembers' | 'GuildPresences' | 'MessageContent'>;
  /** HELLO's `heartbeat_interval`; 41250 ms as Discord sends unless given. */
  heartbeatIntervalMs?: number;
  /** `attachment_size_limit` of interactions; 10 MiB unless given (per interaction too). */
  attachmentSizeLimit?: number;
  /** Largest file for `POST /channels/:id/messages`; 10 MiB unless given. */
  uploadLimit?: number;
  /** Interactions must be answered within this long, as on Discord; 3000 ms unless given. */
  responseDeadlineMs?: number;
  /** `GET /gateway/bot`'s recommended shard count; 1 unless given. Guild events go to shard `(guild_id >> 22) % count`. */
  shards?: number;
  /** `GET /gateway/bot`'s `session_start_limit.max_concurrency`; 1 unless given. */
  maxConcurrency?: number;
}

/** One interaction the fake POSTed to the application's interactions endpoint, and the answer. */
export interface DiscordEndpointDelivery {
  readonly interactionId: string;
  readonly status: number;
  /** The answer's body as JSON, when it was JSON. */
  readonly json: unknown;
}

/** Who acts and where, for every simulated user action. */
export interface DiscordInvocation {
  /** The acting user: a fake user, or a description of a new one; `fake.defaultUser` unless given. */
  user?: DiscordFakeUser | DiscordUserSpec;
  /** A guild (its first text channel is used) or guild id; the default guild unless `channel` or `dm` says otherwise. */
  guild?: DiscordFakeGuild | string;
  /** A channel or channel id. */
  channel?: DiscordFakeChannel | string;
  /** In the user's DM with the bot: no guild, `user` instead of `member`, a DM channel. */
  dm?: boolean;
  /** The user's client language; the user's `locale` unless given. */
  locale?: string;
  /** The interaction's `attachment_size_limit`; the fake's (10 MiB) unless given. */
  attachmentSizeLimit?: number;
  /** The bot's permissions in the channel (`app_permissions`); computed from its role unless given. */
  appPermissions?: DiscordPermissionsInput;
}

/** A slash command as a user sends it. */
export interface DiscordCommandSpec extends DiscordInvocation {
  name: string;
  subcommand?: string;
  subcommandGroup?: string;
  /** Option values by name: strings, numbers, booleans, users, channels, roles, files. */
  options?: Readonly<Record<string, DiscordOptionValue>>;
  /** Attachment options by name (the same as putting the files in `options`). */
  attachments?: Readonly<Record<string, DiscordFakeFile>>;
}

/** A user typing into an autocomplete option. */
export interface DiscordAutocompleteSpec extends DiscordInvocation {
  name: string;
  subcommand?: string;
  subcommandGroup?: string;
  /** Options filled in so far. */
  options?: Readonly<Record<string, DiscordOptionValue>>;
  /** The option being typed into. */
  focused: string;
  /** What has been typed so far; empty unless given. */
  value?: string;
}

/** A user pressing a button. */
export interface DiscordButtonPressSpec extends Omit<DiscordInvocation, 'guild' | 'channel' | 'dm'> {
  /** The message carrying the button (or its id). */
  message: DiscordFakeMessage | string;
  customId: string;
}

/** A user choosing from a string select menu. */
export interface DiscordSelectMenuSpec extends DiscordButtonPressSpec {
  values: readonly string[];
}

/** A user filling in and submitting a modal the bot showed (callback 9). */
export interface DiscordModalSubmitSpec extends Omit<DiscordInvocation, 'guild' | 'channel' | 'dm' | 'user'> {
  /** The interaction the bot answered with the modal. */
  interaction: DiscordFakeInteraction;
  /** Values of the modal's text inputs, by custom id. */
  values: Readonly<Record<string, string>>;
}

export interface DiscordWaitForOptions {
  /** 5000 ms unless given. */
  timeoutMs?: number;
  /** Said in the timeout error. */
  description?: string;
}

export interface DiscordRateLimitOptions {
  /** Seconds, as in `retry_after` and `Retry-After`; 0.05 unless given. */
  retryAfter?: number;
  global?: boolean;
  /** How many matching requests get a 429; 1 unless given. */
  times?: number;
}

export interface DiscordFake {
  /** `http://127.0.0.1:<port>/api`: pass as discord.js's `rest: { api }`. */
  readonly apiUrl: string;
  /** `http://127.0.0.1:<port>`, where attachments are served. */
  readonly url: string;
  /** `ws://127.0.0.1:<port>`, the gateway `GET /gateway/bot` points to. */
  readonly gatewayUrl: string;
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: DiscordFakeUser;
  /** The first guild, and its first text channel. */
  readonly guild: DiscordFakeGuild;
  readonly channel: DiscordFakeChannel;
  readonly guilds: readonly DiscordFakeGuild[];
  /** A regular member with `@everyone`'s permissions, the actor unless an action names another. */
  readonly defaultUser: DiscordFakeUser;
  readonly server: FakeServer;
  readonly gateway: DiscordFakeGateway;
  /** Every HTTP request, in order, the 401s, 404s and CDN downloads included. */
  readonly calls: readonly FakeCall[];
  /** Calls matching `'PATCH /webhooks/:appId/:token/messages/:messageId'` (paths below `/api/v10`). */
  callsTo(key: string): FakeCall[];

  /** The application's Ed25519 public key, hex, as the developer portal shows it. */
  readonly publicKey: string;
  /**
   * Sets the application's Interactions Endpoint URL, checked as Discord checks it (a signed PING must
   * be answered with PONG, a badly signed one with 401); from then on every interaction is POSTed
   * there, signed, instead of sent over the gateway, and the HTTP answer is the interaction's
   * response. `undefined` goes back to the gateway.
   */
  useInteractionsEndpoint(url: string | undefined): Promise<void>;
  /** `X-Signature-Ed25519` and `X-Signature-Timestamp` for a body, signed with the application's key. */
  signInteraction(body: string, timestamp?: number): Record<string, string>;
  /** Every POST to the interactions endpoint, PINGs included, in order. */
  readonly endpointDeliveries: readonly DiscordEndpointDelivery[];

  addUser(spec?: DiscordUserSpec): DiscordFakeUser;
  /** Adds a role to a guild (the first unless given). */
  addRole(spec: {
    name: string;
    permissions: DiscordPermissionsInput;
    guild?: DiscordFakeGuild | string;
  }): DiscordFakeRole;
  /** The DM channel between the bot and a user. */
  dmChannel(user: DiscordFakeUser): DiscordFakeChannel;
  /** Starts a public thread in a guild text channel (THREAD_CREATE to the bot); it follows the channel's age restriction. */
  addThread(spec: { parent: DiscordFakeChannel | string; name: string }): DiscordFakeChannel;

  /** Sends INTERACTION_CREATE for a slash command; resolves once it is on the wire. */
  runCommand(spec: DiscordCommandSpec): Promise<DiscordFakeInteraction>;
  autocomplete(spec: DiscordAutocompleteSpec): Promise<DiscordFakeInteraction>;
  pressButton(spec: DiscordButtonPressSpec): Promise<DiscordFakeInteraction>;
  selectMenu(spec: DiscordSelectMenuSpec): Promise<DiscordFakeInteraction>;
  /** Sends MODAL_SUBMIT for a modal the bot showed, with text input values. */
  submitModal(spec: DiscordModalSubmitSpec): Promise<DiscordFakeInteraction>;
  /** Sends any dispatch event to the bot, for what the fake has no helper for. */
  dispatch(event: string, data: JsonObject, target?: { guildId?: string; intents?: number }): number;

  interaction(idOrToken: string): DiscordFakeInteraction | undefined;
  interactions(): DiscordFakeInteraction[];
  message(id: string): DiscordFakeMessage | undefined;
  /** Messages in creation order; deleted ones only with `includeDeleted`. */
  messages(filter?: { channelId?: string; includeDeleted?: boolean }): DiscordFakeMessage[];
  /** Registered commands, global or of a guild. */
  commands(guildId?: string): readonly DiscordCommand[];

  /**
   * Resolves with the first truthy value of `check`, tried now, after every request and after every
   * gateway message; rejects after `timeoutMs`.
   */
  waitFor<T>(check: (fake: DiscordFake) => T, options?: DiscordWaitForOptions): Promise<NonNullable<T>>;
  /** Answers the next matching request(s) with 429, such as `rateLimit('POST /channels/:id/messages')`. */
  rateLimit(routeKey: string, options?: DiscordRateLimitOptions): void;
  /** Closes the gateway (terminating its sockets) and the HTTP server. Destroy discord.js clients first. */
  close(): Promise<void>;
}

export const DiscordFakeDefaults = {
  botUsername: 'GenHub',
  guilds: [{ name: 'GenHub Test', channels: ['general'] }],
  heartbeatIntervalMs: 41_250,
  attachmentSizeLimit: 10 * 1024 * 1024,
  uploadLimit: 10 * 1024 * 1024,
  responseDeadlineMs: 3000,
  waitForTimeoutMs: 5000,
  /** APPLICATION_COMMAND_BADGE. */
  applicationFlags: 1 << 23,
  shards: 1,
  maxConcurrency: 1,
} as const;

/** Starts the Discord fake: its HTTP API and CDN on one port, its gateway on another. */
export async function startDiscordFake(options: DiscordFakeOptions = {}): Promise<DiscordFake> {
  const D = DiscordFakeDefaults;
  const applicationId = options.applicationId ?? snowflakes(2)();
  const token = options.token ?? botToken(applicationId);
  const botUsername = options.botUsername ?? D.botUsername;
  const attachmentSizeLimit = options.attachmentSizeLimit ?? D.attachmentSizeLimit;
  const privilegedIntents = (
    options.privilegedIntents ?? ['GuildMembers', 'GuildPresences', 'MessageContent']
  ).reduce((bits, name) => bits | GatewayIntent[name], 0);
  // The application's flags say which privileged intents are on (the *_LIMITED flags of small bots).
  const applicationFlags =
    D.applicationFlags |
    ((privilegedIntents & GatewayIntent.GuildPresences) === 0 ? 0 : 1 << 13) |
    ((privilegedIntents & GatewayIntent.GuildMembers) === 0 ? 0 : 1 << 15) |
    ((privilegedIntents & GatewayIntent.MessageContent) === 0 ? 0 : 1 << 19);
  const server = await startFakeServer();
  const state = new DiscordFakeState({
    cdnBaseUrl: server.url,
    botUser: { id: applicationId, username: botUsername },
    botPermissions:
      options.botPermissions === undefined ? BOT_PERMISSIONS : discordPermissionBits(options.botPermissions),
    guilds: (options.guilds ?? D.guilds).map((guild) => ({
      name: guild.name,
      channels: guild.channels ?? ['general'],
      id: 'id' in guild ? guild.id : undefined,
    })),
  });
  const defaultGuild = state.guilds[0];
  const defaultChannel = defaultGuild?.channels[0];
  if (!defaultGuild || !defaultChannel) {
    await server.close();
    throw new Error('The Discord fake needs at least one guild with one text channel.');
  }

  const gateway = await startDiscordGateway({
    state,
    token,
    applicationId,
    applicationFlags,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? D.heartbeatIntervalMs,
    privilegedIntents,
    onActivity: () => state.changed(),
  });
  const rateLimits: ScriptedRateLimit[] = [];
  const routes = installDiscordRoutes({
    state,
    server,
    token,
    applicationId,
    applicationName: options.applicationName ?? botUsername,
    applicationFlags,
    gateway: () => gateway,
    uploadLimit: options.uploadLimit ?? D.uploadLimit,
    responseDeadlineMs: options.responseDeadlineMs ?? D.responseDeadlineMs,
    rateLimits,
    shards: options.shards ?? D.shards,
    maxConcurrency: options.maxConcurrency ?? D.maxConcurrency,
    onRequest: () => state.changed(),
  });
  const signingKey = generateKeyPairSync('ed25519');
  const endpoint = interactionsEndpoint(signingKey.privateKey);
  const endpointDeliveries: DiscordEndpointDelivery[] = [];
  let endpointUrl: string | undefined;
  const postToEndpoint = async (url: string, payload: JsonObject, signed: boolean) => {
    const body = JSON.stringify(payload);
    const headers = endpoint.sign(body, Math.floor(Date.now() / 1000));
    if (!signed) headers['x-signature-ed25519'] = '00'.repeat(64);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Discord-Interactions/1.0', ...headers },
      body,
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const delivery = { interactionId: String(payload.id), status: response.status, json };
    endpointDeliveries.push(delivery);
    state.changed();
    return delivery;
  };

  // The bot hears about its own messages like any other, when it asked for message events.
  state.onMessage(({ kind, message }) => {
    if (message.ephemeral) return;
    const intents =
      message.guildId === undefined ? GatewayIntent.DirectMessages : GatewayIntent.GuildMessages;
    const target = { guildId: message.guildId, intents };
    if (kind === 'delete') {
      gateway.dispatch(
        'MESSAGE_DELETE',
        {
          id: message.id,
          channel_id: message.channelId,
          ...(message.guildId ? { guild_id: message.guildId } : {}),
        },
        target,
      );
    } else {
      gateway.dispatch(
        kind === 'create' ? 'MESSAGE_CREATE' : 'MESSAGE_UPDATE',
        apiMessage(state, message, { forGateway: true }),
        target,
      );
    }
  });

  const defaultUser = state.addUser({ username: 'tester', globalName: 'Tester' });
  state.join(defaultGuild.id, defaultUser.id);

  const userFor = (spec: DiscordInvocation['user']): DiscordFakeUser => {
    if (spec === undefined) return defaultUser;
    if (typeof spec.id === 'string' && state.users.get(spec.id) === spec) return spec as DiscordFakeUser;
    const { permissions, ...rest } = spec as DiscordUserSpec;
    return state.addUser({ ...rest, ...(permissions === undefined ? {} : { permissions }) });
  };
  const guildFor = (guild: DiscordFakeGuild | string): DiscordFakeGuild => {
    const found = state.guild(typeof guild === 'string' ? guild : guild.id);
    if (!found)
      throw new Error(`The Discord fake has no guild ${typeof guild === 'string' ? guild : guild.id}.`);
    return found;
  };
  const channelFor = (spec: DiscordInvocation, user: DiscordFakeUser): DiscordFakeChannel => {
    if (spec.dm) return state.dmChannel(user.id);
    if (spec.channel !== undefined) {
      const id = typeof spec.channel === 'string' ? spec.channel : spec.channel.id;
      const channel = state.channel(id);
      if (!channel) throw new Error(`The Discord fake has no channel ${id}.`);
      return channel;
    }
    const guild = spec.guild === undefined ? defaultGuild : guildFor(spec.guild);
    const channel = guild.channels[0];
    if (!channel) throw new Error(`Guild ${guild.name} has no channel.`);
    return channel;
  };
  const findCommand = (name: string, channel: DiscordFakeChannel): DiscordCommand | undefined => {
    const inGuild =
      channel.guildId === undefined
        ? undefined
        : state.commands
            .get(channel.guildId)
            ?.find((c) => c.name === name && c.type === CommandType.ChatInput);
    return (
      inGuild ??
      state.commands.get('global')?.find((c) => c.name === name && c.type === CommandType.ChatInput)
    );
  };
  const syntheticCommandIds = new Map<string, string>();

  /** Refuses what Discord's client would not let this user do with this command here. */
  const checkCommandAccess = (
    command: DiscordCommand,
    user: DiscordFakeUser,
    channel: DiscordFakeChannel,
  ) => {
    const label = `Discord fake, /${command.name}`;
    if (channel.type === ChannelType.Dm) {
      const dmAllowed =
        command.guild_id === undefined &&
        (command.contexts ? command.contexts.includes(1) : command.dm_permission !== false);
      if (!dmAllowed) throw new Error(`${label}: this command is not available in DMs.`);
      return;
    }
    if (command.contexts && !command.contexts.includes(0))
      throw new Error(`${label}: not available in guilds.`);
    if (command.default_member_permissions !== null && channel.guildId !== undefined) {
      const needed = BigInt(command.default_member_permissions);
      const has = effectivePermissions(state.memberPermissions(channel.guildId, user));
      if ((has & needed) !== needed) {
        throw new Error(
          `${label}: ${user.username} lacks default_member_permissions ${needed}; Discord would hide it.`,
        );
      }
    }
  };

  const send = async (record: DiscordFakeInteraction, guildId: string | undefined) => {
    if (endpointUrl !== undefined) {
      const delivery = await postToEndpoint(endpointUrl, record.payload, true);
      // The HTTP answer is the interaction's response; anything else leaves it unanswered.
      const answer = delivery.json;
      if (delivery.status === 200 && typeof answer === 'object' && answer !== null) {
        routes.interactionCallback(endpointCall(record, answer as JsonObject));
        state.changed();
      }
      return record;
    }
    if (gateway.liveSessions().length === 0) {
      throw new Error(
        'Discord fake: no bot is connected to the gateway (log the client in and wait for ready).',
      );
    }
    gateway.dispatch('INTERACTION_CREATE', record.payload, { guildId });
    state.changed();
    return record;
  };

  const commandInteraction = (spec: DiscordCommandSpec | DiscordAutocompleteSpec, type: number) => {
    const user = userFor(spec.user);
    const channel = channelFor(spec, user);
    if (channel.guildId !== undefined) state.join(channel.guildId, user.id);
    const command = findCommand(spec.name, channel);
    if (command) checkCommandAccess(command, user, channel);
    const values: Record<string, DiscordOptionValue> = { ...spec.options };
    if ('attachments' in spec && spec.attachments) Object.assign(values, spec.attachments);
    const built = buildInteractionOptions({
      state,
      command,
      name: spec.name,
      subcommand: spec.subcommand,
      subcommandGroup: spec.subcommandGroup,
      values,
      channel,
      focused: 'focused' in spec ? { name: spec.focused, value: spec.value ?? '' } : undefined,
    });
    let commandId = command?.id ?? syntheticCommandIds.get(spec.name);
    if (commandId === undefined) {
      commandId = state.nextId();
      syntheticCommandIds.set(spec.name, commandId);
    }
    const id = state.nextId();
    const limit = spec.attachmentSizeLimit ?? attachmentSizeLimit;
    const payload = interactionBase(state, {
      id,
      token: interactionToken(id),
      type,
      applicationId,
      user,
      channel,
      attachmentSizeLimit: limit,
      locale: spec.locale,
      appPermissions:
        spec.appPermissions === undefined ? undefined : discordPermissionBits(spec.appPermissions),
    });
    payload.data = {
      id: commandId,
      name: spec.name,
      type: CommandType.ChatInput,
      ...(built.options.length > 0 ? { options: built.options } : {}),
      ...(built.resolved ? { resolved: built.resolved } : {}),
      ...(command?.guild_id === undefined ? {} : { guild_id: command.guild_id }),
    };
    const record = state.createInteraction({
      id,
      type,
      commandName: spec.name,
      payload,
      user,
      guildId: channel.guildId,
      channelId: channel.id,
      attachmentSizeLimit: limit,
    });
    return send(record, channel.guildId);
  };

  const componentInteraction = (spec: DiscordButtonPressSpec, data: JsonObject, componentType: number) => {
    const message =
      typeof spec.message === 'string' ? state.message(spec.message) : state.message(spec.message.id);
    if (!message || message.deleted)
      throw new Error('Discord fake: that message does not exist (or was deleted).');
    const component = message.components
      .flatMap((row) => row.components ?? [])
      .find((child) => child.custom_id === spec.customId);
    if (!component || component.type !== componentType) {
      const kind = componentType === ComponentType.Button ? 'button' : 'select menu';
      throw new Error(`Discord fake: message ${message.id} has no ${kind} "${spec.customId}".`);
    }
    if (component.disabled === true) throw new Error(`Discord fake: "${spec.customId}" is disabled.`);
    const user = userFor(spec.user);
    const channel = state.channel(message.channelId);
    if (!channel) throw new Error(`Discord fake: channel ${message.channelId} is gone.`);
    if (channel.guildId !== undefined) state.join(channel.guildId, user.id);
    const id = state.nextId();
    const limit = spec.attachmentSizeLimit ?? attachmentSizeLimit;
    const payload = interactionBase(state, {
      id,
      token: interactionToken(id),
      type: InteractionType.MessageComponent,
      applicationId,
      user,
      channel,
      attachmentSizeLimit: limit,
      locale: spec.locale,
      appPermissions:
        spec.appPermissions === undefined ? undefined : discordPermissionBits(spec.appPermissions),
    });
    payload.message = apiMessage(state, message);
    payload.data = { custom_id: spec.customId, component_type: componentType, ...data };
    const record = state.createInteraction({
      id,
      type: InteractionType.MessageComponent,
      customId: spec.customId,
      payload,
      user,
      guildId: channel.guildId,
      channelId: channel.id,
      attachmentSizeLimit: limit,
      sourceMessageId: message.id,
    });
    return send(record, channel.guildId);
  };

  const modalInteraction = (spec: DiscordModalSubmitSpec) => {
    const shown = state.interactions.get(spec.interaction.id);
    const modal = shown?.modal;
    if (!shown || !modal) throw new Error('Discord fake: that interaction did not answer with a modal.');
    const inputs = modalInputs(modal.components);
    for (const key of Object.keys(spec.values)) {
      if (!inputs.some((input) => input.custom_id === key))
        throw new Error(`Discord fake: the modal has no input "${key}".`);
    }
    for (const input of inputs) {
      if (input.required !== false && spec.values[String(input.custom_id)] === undefined) {
        throw new Error(`Discord fake: the modal's input "${String(input.custom_id)}" is required.`);
      }
    }
    const channel = state.channel(shown.channelId);
    if (!channel) throw new Error(`Discord fake: channel ${shown.channelId} is gone.`);
    const id = state.nextId();
    const limit = spec.attachmentSizeLimit ?? attachmentSizeLimit;
    const payload = interactionBase(state, {
      id,
      token: interactionToken(id),
      type: InteractionType.ModalSubmit,
      applicationId,
      user: shown.user,
      channel,
      attachmentSizeLimit: limit,
      locale: spec.locale,
      appPermissions:
        spec.appPermissions === undefined ? undefined : discordPermissionBits(spec.appPermissions),
    });
    const source = shown.sourceMessageId === undefined ? undefined : state.message(shown.sourceMessageId);
    if (source) payload.message = apiMessage(state, source);
    payload.data = {
      custom_id: modal.custom_id,
      components: submittedComponents(modal.components, spec.values),
    };
    const record = state.createInteraction({
      id,
      type: InteractionType.ModalSubmit,
      customId: typeof modal.custom_id === 'string' ? modal.custom_id : undefined,
      payload,
      user: shown.user,
      guildId: channel.guildId,
      channelId: channel.id,
      attachmentSizeLimit: limit,
      sourceMessageId: source?.id,
    });
    return send(record, channel.guildId);
  };

  const waiting = new Set<(error: Error) => void>();
  let closing: Promise<void> | undefined;

  const fake: DiscordFake = {
    apiUrl: `${server.url}/api`,
    url: server.url,
    gatewayUrl: gateway.url,
    token,
    applicationId,
    botUser: state.botUser,
    guild: defaultGuild,
    channel: defaultChannel,
    guilds: state.guilds,
    defaultUser,
    server,
    gateway,
    calls: server.calls,
    callsTo(key) {
      const { method, segments } = parseRouteKey(key);
      return server.calls.filter((call) => call.method === method && pathMatches(segments, call.path));
    },
    addUser(spec = {}) {
      const user = state.addUser(spec);
      state.join(defaultGuild.id, user.id);
      return user;
    },
    addRole(spec) {
      const guild = spec.guild === undefined ? defaultGuild : guildFor(spec.guild);
      return state.addRole(guild.id, spec.name, discordPermissionBits(spec.permissions));
    },
    dmChannel: (user) => state.dmChannel(user.id),
    addThread(spec) {
      const thread = state.addThread(
        typeof spec.parent === 'string' ? spec.parent : spec.parent.id,
        spec.name,
      );
      const data = { ...apiChannel(state, thread), newly_created: true };
      gateway.dispatch('THREAD_CREATE', data, { guildId: thread.guildId, intents: GatewayIntent.Guilds });
      return thread;
    },
    publicKey: endpoint.publicKeyHex(signingKey.publicKey),
    endpointDeliveries,
    signInteraction: (body, timestamp = Math.floor(Date.now() / 1000)) => endpoint.sign(body, timestamp),
    async useInteractionsEndpoint(url) {
      if (url !== undefined) {
        const ping = {
          id: state.nextId(),
          application_id: applicationId,
          type: InteractionType.Ping,
          token: 'ping',
          version: 1,
        };
        const good = await postToEndpoint(url, ping, true);
        if (good.status !== 200 || (good.json as JsonObject | undefined)?.type !== 1)
          throw new Error(
            `Discord fake: the interactions endpoint answered a PING with ${good.status}, not PONG.`,
          );
        const bad = await postToEndpoint(url, { ...ping, id: state.nextId() }, false);
        if (bad.status !== 401)
          throw new Error(
            `Discord fake: the interactions endpoint answered a bad signature with ${bad.status}, not 401.`,
          );
      }
      endpointUrl = url;
    },
    runCommand: async (spec) => commandInteraction(spec, InteractionType.ApplicationCommand),
    autocomplete: async (spec) => commandInteraction(spec, InteractionType.ApplicationCommandAutocomplete),
    pressButton: async (spec) => componentInteraction(spec, {}, ComponentType.Button),
    selectMenu: async (spec) =>
      componentInteraction(spec, { values: [...spec.values] }, ComponentType.StringSelect),
    submitModal: async (spec) => modalInteraction(spec),
    dispatch(event, data, target) {
      const count = gateway.dispatch(event, data, target);
      state.changed();
      return count;
    },
    interaction: (idOrToken) => state.interactions.get(idOrToken) ?? state.interactionsByToken.get(idOrToken),
    interactions: () => [...state.interactions.values()],
    message: (id) => state.message(id),
    messages(filter = {}) {
      return [...state.messages.values()].filter(
        (message) =>
          (filter.includeDeleted === true || !message.deleted) &&
          (filter.channelId === undefined || message.channelId === filter.channelId),
      );
    },
    commands: (guildId) => state.commands.get(guildId ?? 'global') ?? [],
    waitFor<T>(check: (fake: DiscordFake) => T, waitOptions: DiscordWaitForOptions = {}) {
      const timeoutMs = waitOptions.timeoutMs ?? D.waitForTimeoutMs;
      return new Promise<NonNullable<T>>((resolve, reject) => {
        let settled = false;
        let unsubscribe: () => void = () => {};
        let timer: NodeJS.Timeout | undefined;
        const finish = () => {
          settled = true;
          unsubscribe();
          if (timer) clearTimeout(timer);
          waiting.delete(fail);
        };
        const fail = (error: Error) => {
          if (settled) return;
          finish();
          reject(error);
        };
        const attempt = () => {
          if (settled) return;
          try {
            const value = check(fake);
            if (value) {
              finish();
              resolve(value as NonNullable<T>);
            }
          } catch (error) {
            fail(error instanceof Error ? error : new Error(String(error)));
          }
        };
        attempt();
        if (settled) return;
        waiting.add(fail);
        unsubscribe = state.onChange(attempt);
        timer = setTimeout(() => {
          const recent = server.calls
            .slice(-6)
            .map((call) => `${call.method} ${call.path}`)
            .join(', ');
          const what = waitOptions.description ? ` for ${waitOptions.description}` : '';
          fail(
            new Error(
              `Discord fake: waitFor${what} timed out after ${timeoutMs} ms; last requests: ${recent || 'none'}.`,
            ),
          );
        }, timeoutMs);
      });
    },
    rateLimit(routeKey, limitOptions = {}) {
      const { method, segments } = parseRouteKey(routeKey);
      rateLimits.push({
        method,
        segments,
        retryAfter: limitOptions.retryAfter ?? 0.05,
        global: limitOptions.global ?? false,
        remaining: limitOptions.times ?? 1,
      });
    },
    close() {
      closing ??= (async () => {
        for (const fail of [...waiting]) fail(new Error('Discord fake: closed while waiting.'));
        await gateway.close();
        await server.close();
      })();
      return closing;
    },
  };
  return fake;
}

/** Text inputs of a modal: inside action rows (classic) or labels (type 18). */
function modalInputs(components: unknown): JsonObject[] {
  if (!Array.isArray(components)) return [];
  return components.flatMap((component: JsonObject) => {
    if (Array.isArray(component.components)) return modalInputs(component.components);
    if (typeof component.component === 'object' && component.component !== null)
      return modalInputs([component.component]);
    return component.type === TEXT_INPUT ? [component] : [];
  });
}

/** MODAL_SUBMIT's `data.components`: the modal's layout with each text input's `value`. */
function submittedComponents(components: unknown, values: Readonly<Record<string, string>>): JsonObject[] {
  if (!Array.isArray(components)) return [];
  return components.flatMap((component: JsonObject): JsonObject[] => {
    const id = component.id === undefined ? {} : { id: component.id };
    if (Array.isArray(component.components)) {
      return [{ type: component.type, ...id, components: submittedComponents(component.components, values) }];
    }
    if (typeof component.component === 'object' && component.component !== null) {
      const [inner] = submittedComponents([component.component], values);
      return inner ? [{ type: component.type, ...id, component: inner }] : [];
    }
    if (component.type !== TEXT_INPUT) return [];
    const customId = String(component.custom_id);
    return [{ type: TEXT_INPUT, ...id, custom_id: customId, value: values[customId] ?? '' }];
  });
}

const TEXT_INPUT = 4;

/** The DER prefix of an Ed25519 public key in SPKI form; the raw 32-byte key follows. */
const ED25519_SPKI_PREFIX_BYTES = 12;

/** Signs as Discord signs what it POSTs to an interactions endpoint: Ed25519 over timestamp + body. */
function interactionsEndpoint(privateKey: KeyObject) {
  return {
    sign(body: string, timestamp: number): Record<string, string> {
      const signature = sign(null, Buffer.from(`${timestamp}${body}`), privateKey);
      return { 'x-signature-ed25519': signature.toString('hex'), 'x-signature-timestamp': String(timestamp) };
    },
    publicKeyHex(publicKey: KeyObject): string {
      return publicKey
        .export({ format: 'der', type: 'spki' })
        .subarray(ED25519_SPKI_PREFIX_BYTES)
        .toString('hex');
    },
  };
}

/** An endpoint's HTTP answer to an interaction, as the callback route takes it. */
function endpointCall(record: DiscordFakeInteraction, answer: JsonObject): FakeCall {
  const bodyText = JSON.stringify(answer);
  return {
    method: 'POST',
    path: `/api/v10/interactions/${record.id}/${record.token}/callback`,
    query: {},
    params: { interactionId: record.id, token: record.token },
    headers: { 'content-type': 'application/json' },
    bodyText,
    bodyBytes: new TextEncoder().encode(bodyText),
    bodyJson: answer,
  };
}
