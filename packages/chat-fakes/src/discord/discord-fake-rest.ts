import type { FakeCall, FakeResponse, FakeServer } from '@genhub/testkit/fake-server';
import {
  type DiscordCommand,
  InteractionCallbackType,
  InteractionType,
  type JsonObject,
  MessageFlag,
  MessageType,
} from './discord-api-shapes.js';
import { storedCommand, validateCommand, validateCommandList } from './discord-command-validation.js';
import { DiscordErrors, DiscordFailure, type FormProblem, invalidForm } from './discord-errors.js';
import type { DiscordFakeGateway } from './discord-fake-gateway.js';
import {
  apiApplication,
  apiBotUser,
  apiChannel,
  apiGuildCreate,
  apiMember,
  apiMessage,
  apiRole,
  apiUser,
} from './discord-fake-payloads.js';
import type { DiscordFakeState, InteractionRecord, MessageRecord } from './discord-fake-state.js';
import { messageFromBody, readRequestBody } from './discord-message-body.js';
import { DiscordPermission } from './discord-permissions.js';

/** A scripted 429 for requests matching a route pattern. */
export interface ScriptedRateLimit {
  method: string;
  segments: string[];
  retryAfter: number;
  global: boolean;
  remaining: number;
}

export interface DiscordRestOptions {
  state: DiscordFakeState;
  server: FakeServer;
  token: string;
  applicationId: string;
  applicationName: string;
  applicationFlags: number;
  gateway: () => DiscordFakeGateway;
  /** Largest file for channel messages (interactions carry their own `attachment_size_limit`). */
  uploadLimit: number;
  /** An interaction not answered within this many ms is gone (404 Unknown interaction). */
  responseDeadlineMs: number;
  rateLimits: ScriptedRateLimit[];
  /** `GET /gateway/bot`'s recommended `shards` and `session_start_limit.max_concurrency`. */
  shards: number;
  maxConcurrency: number;
  /** Called after every answer has been written. */
  onRequest: () => void;
}

/** What the REST routes offer the rest of the fake. */
export interface DiscordRoutes {
  /**
   * Applies an interaction response as `POST /interactions/:id/:token/callback` does (the call's
   * `params` name the interaction): also how an interactions endpoint's HTTP answer takes effect.
   */
  interactionCallback(call: FakeCall): FakeResponse;
}

/** The path prefix discord.js uses with `rest.api` set to the fake's `apiUrl`. */
export const API_PREFIX = '/api/v10';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;
const CATCH_ALL_DEPTH = 16;

type Handler = (call: FakeCall) => FakeResponse;

const CDN_PATH = /^\/(media\/)?(ephemeral-)?attachments\//;

/**
 * Splits `'PATCH /webhooks/:a/:b'` into its method and path segments; API paths are taken below
 * `/api/v10` unless they start with `/api/`, CDN paths (`/attachments/...`) as they are.
 */
export function parseRouteKey(key: string): { method: string; segments: string[] } {
  const match = /^([A-Za-z]+)\s+(\/\S*)$/.exec(key.trim());
  if (!match) {
    throw new TypeError(`A Discord fake route looks like "PATCH /webhooks/:appId/:token", got "${key}".`);
  }
  let path = match[2]!;
  if (!path.startsWith('/api/') && !CDN_PATH.test(path)) path = `${API_PREFIX}${path}`;
  return { method: match[1]!.toUpperCase(), segments: path.split('/').filter(Boolean) };
}

/** Whether a request path fits route segments, `:name` matching any one segment. */
export function pathMatches(segments: readonly string[], path: string): boolean {
  const parts = path.split('/').filter(Boolean);
  return (
    parts.length === segments.length &&
    segments.every((segment, index) => segment.startsWith(':') || segment === parts[index])
  );
}

/** Adds Discord's REST API, its CDN and a Discord-style 404 for everything else to the fake server. */
export function installDiscordRoutes(options: DiscordRestOptions): DiscordRoutes {
  const { state, server, applicationId } = options;

  const authorized = (call: FakeCall) => call.headers.authorization === `Bot ${options.token}`;

  const takeRateLimit = (call: FakeCall): FakeResponse | undefined => {
    const limit = options.rateLimits.find(
      (entry) =>
        entry.remaining > 0 && entry.method === call.method && pathMatches(entry.segments, call.path),
    );
    if (!limit) return undefined;
    limit.remaining -= 1;
    return DiscordErrors.rateLimited(limit.retryAfter, limit.global, `fake-${limit.segments.join('-')}`);
  };

  /** Every API route, so a known path asked with another method answers 405. */
  const known: Array<{ method: string; segments: string[] }> = [];
  const add = (key: string, handler: Handler, auth: boolean) => {
    const [method, path] = key.split(' ') as [string, string];
    const isCdn = CDN_PATH.test(path);
    const full = isCdn ? path : `${API_PREFIX}${path}`;
    if (!isCdn) known.push({ method, segments: full.split('/').filter(Boolean) });
    server.route(`${method} ${full}`, (call) => {
      try {
        if (auth && !authorized(call)) return DiscordErrors.unauthorized();
        return takeRateLimit(call) ?? handler(call);
      } finally {
        setImmediate(options.onRequest);
      }
    });
  };
  const bot = (key: string, handler: Handler) => add(key, handler, true);
  const open = (key: string, handler: Handler) => add(key, handler, false);

  // Everything unknown: Discord's 404, recorded like any call. Fewer `:params` win, so real routes go first.
  for (const method of METHODS) {
    for (let depth = 0; depth <= CATCH_ALL_DEPTH; depth += 1) {
      const path = `/${Array.from({ length: depth }, (_, index) => `:p${index}`).join('/')}`;
      server.route(`${method} ${path}`, (call) => {
        setImmediate(options.onRequest);
        const otherMethod = known.some(
          (route) => route.method !== call.method && pathMatches(route.segments, call.path),
        );
        return otherMethod ? DiscordErrors.methodNotAllowed() : DiscordErrors.notFound();
      });
    }
  }

  // Gateway and identity.
  open('GET /gateway', () => ({ json: { url: options.gateway().url } }));
  bot('GET /gateway/bot', () => ({
    json: {
      url: options.gateway().url,
      shards: options.shards,
      session_start_limit: {
        total: 1000,
        remaining: 1000 - options.gateway().sessions.length,
        reset_after: 14_400_000,
        max_concurrency: options.maxConcurrency,
      },
    },
  }));
  bot('GET /users/@me', () => ({ json: apiBotUser(state.botUser) }));
  bot('GET /users/:userId', (call) => {
    const user = state.users.get(call.params.userId ?? '');
    return user ? { json: apiUser(user) } : DiscordErrors.unknownUser();
  });
  bot('POST /users/@me/channels', (call) => {
    const body = call.bodyJson as JsonObject | undefined;
    const user = state.users.get(String(body?.recipient_id ?? ''));
    if (!user)
      return DiscordErrors.invalidFormBody({
        recipient_id: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] },
      });
    return { json: apiChannel(state, state.dmChannel(user.id)) };
  });
  bot('GET /applications/@me', () => ({
    json: apiApplication(state, {
      applicationId,
      name: options.applicationName,
      flags: options.applicationFlags,
    }),
  }));

  // Application commands, global and per guild.
  const scopeOf = (call: FakeCall): string | FakeResponse => {
    if (call.params.appId !== applicationId) return DiscordErrors.missingAccess();
    const guildId = call.params.guildId;
    if (guildId === undefined) return 'global';
    return state.guild(guildId) ? guildId : DiscordErrors.missingAccess();
  };
  const commandsRoutes = (base: string) => {
    bot(`GET ${base}`, (call) => {
      const scope = scopeOf(call);
      return typeof scope === 'string' ? { json: state.commands.get(scope) ?? [] } : scope;
    });
    bot(`PUT ${base}`, (call) => {
      const scope = scopeOf(call);
      if (typeof scope !== 'string') return scope;
      const failed = invalidForm(validateCommandList(call.bodyJson));
      if (failed) return failed;
      const previous = state.commands.get(scope) ?? [];
      const next = (call.bodyJson as JsonObject[]).map((definition) => store(scope, definition, previous));
      state.commands.set(scope, next);
      return { json: next };
    });
    bot(`POST ${base}`, (call) => {
      const scope = scopeOf(call);
      if (typeof scope !== 'string') return scope;
      const failed = invalidForm(validateCommand(call.bodyJson));
      if (failed) return failed;
      const previous = state.commands.get(scope) ?? [];
      const command = store(scope, call.bodyJson as JsonObject, previous);
      const existed = previous.some((entry) => entry.id === command.id);
      const list = existed
        ? previous.map((entry) => (entry.id === command.id ? command : entry))
        : [...previous, command];
      const problems = validateCommandList(list);
      if (problems.length > 0) return invalidForm(problems) ?? DiscordErrors.notFound();
      state.commands.set(scope, list);
      return { status: existed ? 200 : 201, json: command };
    });
    bot(`GET ${base}/:commandId`, (call) => {
      const scope = scopeOf(call);
      if (typeof scope !== 'string') return scope;
      const command = state.commands.get(scope)?.find((entry) => entry.id === call.params.commandId);
      return command ? { json: command } : DiscordErrors.unknownCommand();
    });
    bot(`PATCH ${base}/:commandId`, (call) => {
      const scope = scopeOf(call);
      if (typeof scope !== 'string') return scope;
      const list = state.commands.get(scope) ?? [];
      const current = list.find((entry) => entry.id === call.params.commandId);
      if (!current) return DiscordErrors.unknownCommand();
      const merged = { ...current, ...(call.bodyJson as JsonObject | undefined) };
      const failed = invalidForm(validateCommand(merged));
      if (failed) return failed;
      const command = storedCommand(merged, {
        id: current.id,
        version: state.nextId(),
        applicationId,
        guildId: current.guild_id,
      });
      state.commands.set(
        scope,
        list.map((entry) => (entry.id === current.id ? command : entry)),
      );
      return { json: command };
    });
    bot(`DELETE ${base}/:commandId`, (call) => {
      const scope = scopeOf(call);
      if (typeof scope !== 'string') return scope;
      const list = state.commands.get(scope) ?? [];
      if (!list.some((entry) => entry.id === call.params.commandId)) return DiscordErrors.unknownCommand();
      state.commands.set(
        scope,
        list.filter((entry) => entry.id !== call.params.commandId),
      );
      return { status: 204 };
    });
  };
  const store = (
    scope: string,
    definition: JsonObject,
    previous: readonly DiscordCommand[],
  ): DiscordCommand => {
    const type = typeof definition.type === 'number' ? definition.type : 1;
    const same = previous.find((entry) => entry.name === definition.name && entry.type === type);
    return storedCommand(definition, {
      id: same?.id ?? state.nextId(),
      version: state.nextId(),
      applicationId,
      guildId: scope === 'global' ? undefined : scope,
    });
  };
  commandsRoutes('/applications/:appId/commands');
  commandsRoutes('/applications/:appId/guilds/:guildId/commands');

  // Interaction callbacks.
  const interactionCallback = (call: FakeCall): FakeResponse => {
    const interaction = state.interactions.get(call.params.interactionId ?? '');
    if (!interaction || interaction.token !== call.params.token || interaction.expired) {
      return DiscordErrors.unknownInteraction();
    }
    if (Date.now() - interaction.createdAtMs > options.responseDeadlineMs && !interaction.acknowledged) {
      return DiscordErrors.unknownInteraction();
    }
    if (interaction.acknowledged) return DiscordErrors.alreadyAcknowledged();
    const body = readRequestBody(call);
    if (body instanceof DiscordFailure) return body.response;
    const type = body.json.type;
    const data =
      typeof body.json.data === 'object' && body.json.data !== null
        ? (body.json.data as JsonObject)
        : undefined;
    if (typeof type !== 'number' || !stateAllows(interaction.type, type)) {
      return DiscordErrors.invalidFormBody({
        type: {
          _errors: [
            {
              code: 'INTERACTION_RESPONSE_TYPE_INVALID',
              message: `Callback type ${String(type)} is not valid for interaction type ${interaction.type}.`,
            },
          ],
        },
      });
    }
    const T = InteractionCallbackType;
    const messageType =
      interaction.type === InteractionType.ApplicationCommand
        ? MessageType.ChatInputCommand
        : MessageType.Default;
    let message: MessageRecord | undefined;
    if (type === T.ChannelMessageWithSource) {
      const next = messageFromBody(data ?? {}, body.files, {
        state,
        channelId: interaction.channelId,
        sizeLimit: interaction.attachmentSizeLimit,
        allowEphemeral: true,
        at: ['data'],
      });
      if (next instanceof DiscordFailure) return next.response;
      message = state.createMessage({
        channelId: interaction.channelId,
        authorId: state.botUser.id,
        webhookId: applicationId,
        interactionId: interaction.id,
        type: messageType,
        state: next,
        via: 'callback 4',
      });
      interaction.originalId = message.id;
    } else if (type === T.DeferredChannelMessageWithSource) {
      const ephemeral = typeof data?.flags === 'number' ? data.flags & MessageFlag.Ephemeral : 0;
      message = state.createMessage({
        channelId: interaction.channelId,
        authorId: state.botUser.id,
        webhookId: applicationId,
        interactionId: interaction.id,
        type: messageType,
        state: {
          content: '',
          embeds: [],
          components: [],
          attachments: [],
          flags: MessageFlag.Loading | ephemeral,
        },
        via: 'callback 5',
      });
      interaction.originalId = message.id;
    } else if (type === T.DeferredUpdateMessage || type === T.UpdateMessage) {
      const source =
        interaction.sourceMessageId === undefined ? undefined : state.message(interaction.sourceMessageId);
      if (!source || source.deleted) return DiscordErrors.unknownMessage();
      if (type === T.UpdateMessage) {
        const next = messageFromBody(data ?? {}, body.files, {
          state,
          channelId: source.channelId,
          sizeLimit: interaction.attachmentSizeLimit,
          current: source,
          allowEphemeral: true,
          at: ['data'],
        });
        if (next instanceof DiscordFailure) return next.response;
        state.editMessage(source, next, 'callback 7');
      }
      message = source;
      interaction.originalId = source.id;
    } else if (type === T.ApplicationCommandAutocompleteResult) {
      const failed = invalidForm(choiceProblems(data?.choices));
      if (failed) return failed;
    } else if (type === T.Modal) {
      const failed = invalidForm(modalProblems(data));
      if (failed) return failed;
    }
    state.acknowledge(interaction, type, data);
    const withResponse = call.query.with_response === 'true' || call.query.with_response === '1';
    if (!withResponse) return { status: 204 };
    return {
      json: {
        interaction: {
          id: interaction.id,
          type: interaction.type,
          activity_instance_id: null,
          response_message_id: message?.id ?? null,
          response_message_loading: message?.loading ?? null,
          response_message_ephemeral: message?.ephemeral ?? null,
        },
        resource: {
          type,
          ...(message && (type === T.ChannelMessageWithSource || type === T.UpdateMessage)
            ? { message: apiMessage(state, message) }
            : {}),
        },
      },
    };
  };
  open('POST /interactions/:interactionId/:token/callback', interactionCallback);

  // Interaction webhooks: followups and @original.
  const interactionFor = (call: FakeCall): InteractionRecord | DiscordFailure => {
    const interaction = state.interactionsByToken.get(call.params.token ?? '');
    if (call.params.appId !== applicationId || !interaction) {
      return new DiscordFailure(DiscordErrors.unknownWebhook());
    }
    // An interaction not answered in time loses its token.
    if (!interaction.acknowledged && Date.now() - interaction.createdAtMs > options.responseDeadlineMs) {
      return new DiscordFailure(DiscordErrors.unknownWebhook());
    }
    if (interaction.expired) return new DiscordFailure(DiscordErrors.invalidWebhookToken());
    return interaction;
  };
  const webhookMessage = (interaction: InteractionRecord, messageId: string): MessageRecord | undefined => {
    const id = messageId === '@original' ? interaction.originalId : messageId;
    const allowed = [interaction.originalId, ...interaction.followupIds, interaction.sourceMessageId];
    const message = id === undefined || !allowed.includes(id) ? undefined : state.message(id);
    return message && !message.deleted ? message : undefined;
  };

  open('POST /webhooks/:appId/:token', (call) => {
    const interaction = interactionFor(call);
    if (interaction instanceof DiscordFailure) return interaction.response;
    if (!interaction.acknowledged || interaction.type === InteractionType.ApplicationCommandAutocomplete) {
      return DiscordErrors.unknownWebhook();
    }
    const body = readRequestBody(call);
    if (body instanceof DiscordFailure) return body.response;
    // Discord turns the first followup after a deferral into the deferred message itself.
    const deferred = interaction.original();
    if (deferred?.loading && !deferred.deleted) {
      const record = state.message(deferred.id)!;
      const next = messageFromBody(body.json, body.files, {
        state,
        channelId: record.channelId,
        sizeLimit: interaction.attachmentSizeLimit,
        current: record,
        allowEphemeral: true,
      });
      if (next instanceof DiscordFailure) return next.response;
      state.editMessage(record, next, 'followup (replacing the deferral)');
      return { json: apiMessage(state, record) };
    }
    const next = messageFromBody(body.json, body.files, {
      state,
      channelId: interaction.channelId,
      sizeLimit: interaction.attachmentSizeLimit,
      allowEphemeral: true,
    });
    if (next instanceof DiscordFailure) return next.response;
    const message = state.createMessage({
      channelId: interaction.channelId,
      authorId: state.botUser.id,
      webhookId: applicationId,
      interactionId: interaction.id,
      type:
        interaction.type === InteractionType.ApplicationCommand
          ? MessageType.ChatInputCommand
          : MessageType.Default,
      state: next,
      via: 'followup',
    });
    interaction.followupIds.push(message.id);
    return { json: apiMessage(state, message) };
  });
  open('GET /webhooks/:appId/:token/messages/:messageId', (call) => {
    const interaction = interactionFor(call);
    if (interaction instanceof DiscordFailure) return interaction.response;
    const message = webhookMessage(interaction, call.params.messageId ?? '');
    return message ? { json: apiMessage(state, message) } : DiscordErrors.unknownMessage();
  });
  open('PATCH /webhooks/:appId/:token/messages/:messageId', (call) => {
    const interaction = interactionFor(call);
    if (interaction instanceof DiscordFailure) return interaction.response;
    const message = webhookMessage(interaction, call.params.messageId ?? '');
    if (!message) return DiscordErrors.unknownMessage();
    const body = readRequestBody(call);
    if (body instanceof DiscordFailure) return body.response;
    const next = messageFromBody(body.json, body.files, {
      state,
      channelId: message.channelId,
      sizeLimit: interaction.attachmentSizeLimit,
      current: message,
      allowEphemeral: true,
    });
    if (next instanceof DiscordFailure) return next.response;
    const label = call.params.messageId === '@original' ? 'PATCH @original' : 'PATCH webhook message';
    state.editMessage(message, next, label);
    return { json: apiMessage(state, message) };
  });
  open('DELETE /webhooks/:appId/:token/messages/:messageId', (call) => {
    const interaction = interactionFor(call);
    if (interaction instanceof DiscordFailure) return interaction.response;
    const message = webhookMessage(interaction, call.params.messageId ?? '');
    if (!message) return DiscordErrors.unknownMessage();
    state.deleteMessage(message);
    return { status: 204 };
  });

  // Channels and their messages.
  const channelMessage = (call: FakeCall): MessageRecord | DiscordFailure => {
    if (!state.channel(call.params.channelId ?? ''))
      return new DiscordFailure(DiscordErrors.unknownChannel());
    const message = state.message(call.params.messageId ?? '');
    if (!message || message.deleted || message.ephemeral || message.channelId !== call.params.channelId) {
      return new DiscordFailure(DiscordErrors.unknownMessage());
    }
    return message;
  };
  const botCan = (channelId: string, bits: bigint): boolean => {
    const channel = state.channel(channelId);
    if (!channel || channel.guildId === undefined) return true;
    return (state.memberPermissions(channel.guildId, state.botUser) & bits) === bits;
  };

  bot('GET /channels/:channelId', (call) => {
    const channel = state.channel(call.params.channelId ?? '');
    return channel ? { json: apiChannel(state, channel) } : DiscordErrors.unknownChannel();
  });
  bot('GET /channels/:channelId/messages', (call) => {
    const channelId = call.params.channelId ?? '';
    if (!state.channel(channelId)) return DiscordErrors.unknownChannel();
    const limit = Math.min(100, Math.max(1, Number(call.query.limit ?? 50) || 50));
    let list = [...state.messages.values()].filter(
      (message) => message.channelId === channelId && !message.deleted && !message.ephemeral,
    );
    const { before, after } = call.query;
    if (before) list = list.filter((message) => BigInt(message.id) < BigInt(before));
    if (after) list = list.filter((message) => BigInt(message.id) > BigInt(after));
    list.reverse();
    return { json: list.slice(0, limit).map((message) => apiMessage(state, message)) };
  });
  bot('POST /channels/:channelId/messages', (call) => {
    const channelId = call.params.channelId ?? '';
    if (!state.channel(channelId)) return DiscordErrors.unknownChannel();
    if (!botCan(channelId, DiscordPermission.ViewChannel | DiscordPermission.SendMessages)) {
      return DiscordErrors.missingPermissions();
    }
    const body = readRequestBody(call);
    if (body instanceof DiscordFailure) return body.response;
    if (body.files.length > 0 && !botCan(channelId, DiscordPermission.AttachFiles))
      return DiscordErrors.missingPermissions();
    const next = messageFromBody(body.json, body.files, {
      state,
      channelId,
      sizeLimit: options.uploadLimit,
      allowEphemeral: false,
    });
    if (next instanceof DiscordFailure) return next.response;
    const isReply = typeof body.json.message_reference === 'object' && body.json.message_reference !== null;
    const message = state.createMessage({
      channelId,
      authorId: state.botUser.id,
      type: isReply ? MessageType.Reply : MessageType.Default,
      state: next,
      via: 'channel POST',
    });
    return { json: apiMessage(state, message) };
  });
  bot('GET /channels/:channelId/messages/:messageId', (call) => {
    const message = channelMessage(call);
    return message instanceof DiscordFailure ? message.response : { json: apiMessage(state, message) };
  });
  bot('PATCH /channels/:channelId/messages/:messageId', (call) => {
    const message = channelMessage(call);
    if (message instanceof DiscordFailure) return message.response;
    if (message.authorId !== state.botUser.id) return DiscordErrors.cannotEditOthers();
    const body = readRequestBody(call);
    if (body instanceof DiscordFailure) return body.response;
    const next = messageFromBody(body.json, body.files, {
      state,
      channelId: message.channelId,
      sizeLimit: options.uploadLimit,
      current: message,
      allowEphemeral: false,
    });
    if (next instanceof DiscordFailure) return next.response;
    state.editMessage(message, next, 'channel PATCH');
    return { json: apiMessage(state, message) };
  });
  bot('DELETE /channels/:channelId/messages/:messageId', (call) => {
    const message = channelMessage(call);
    if (message instanceof DiscordFailure) return message.response;
    if (
      message.authorId !== state.botUser.id &&
      !botCan(message.channelId, DiscordPermission.ManageMessages)
    ) {
      return DiscordErrors.missingPermissions();
    }
    state.deleteMessage(message);
    return { status: 204 };
  });
  bot('POST /channels/:channelId/typing', (call) =>
    state.channel(call.params.channelId ?? '') ? { status: 204 } : DiscordErrors.unknownChannel(),
  );

  // Guilds.
  bot('GET /guilds/:guildId', (call) => {
    const guild = state.guild(call.params.guildId ?? '');
    if (!guild) return DiscordErrors.unknownGuild();
    const {
      channels: _channels,
      members: _members,
      voice_states: _voice,
      presences: _presences,
      threads: _threads,
      ...rest
    } = apiGuildCreate(state, guild, 0);
    return { json: rest };
  });
  bot('GET /guilds/:guildId/channels', (call) => {
    const guild = state.guild(call.params.guildId ?? '');
    return guild
      ? { json: guild.channels.map((channel) => apiChannel(state, channel)) }
      : DiscordErrors.unknownGuild();
  });
  bot('GET /guilds/:guildId/roles', (call) => {
    const guild = state.guild(call.params.guildId ?? '');
    return guild ? { json: guild.roles.map(apiRole) } : DiscordErrors.unknownGuild();
  });
  bot('GET /guilds/:guildId/members/:userId', (call) => {
    const guild = state.guild(call.params.guildId ?? '');
    if (!guild) return DiscordErrors.unknownGuild();
    const user = state.users.get(call.params.userId ?? '');
    if (!user || !guild.memberIds.includes(user.id)) return DiscordErrors.unknownMember();
    return { json: apiMember(state, guild.id, user) };
  });

  // The CDN: files attached by users and by the bot.
  for (const folder of ['attachments', 'ephemeral-attachments']) {
    for (const prefix of ['', '/media']) {
      for (const method of ['GET', 'HEAD']) {
        open(`${method} ${prefix}/${folder}/:channelId/:attachmentId/:filename`, (call) => {
          const attachment = state.attachments.get(call.params.attachmentId ?? '');
          if (!attachment || attachment.filename !== call.params.filename) {
            return { status: 404, body: '404: Not Found' };
          }
          return {
            body: attachment.bytes,
            headers: { 'content-type': attachment.contentType, 'cache-control': 'public, max-age=31536000' },
          };
        });
      }
    }
  }
  return { interactionCallback };
}

function stateAllows(interactionType: number, callbackType: number): boolean {
  const T = InteractionCallbackType;
  const allowed: Readonly<Record<number, readonly number[]>> = {
    [InteractionType.ApplicationCommand]: [
      T.ChannelMessageWithSource,
      T.DeferredChannelMessageWithSource,
      T.Modal,
    ],
    [InteractionType.MessageComponent]: [
      T.ChannelMessageWithSource,
      T.DeferredChannelMessageWithSource,
      T.DeferredUpdateMessage,
      T.UpdateMessage,
      T.Modal,
    ],
    [InteractionType.ApplicationCommandAutocomplete]: [T.ApplicationCommandAutocompleteResult],
    [InteractionType.ModalSubmit]: [
      T.ChannelMessageWithSource,
      T.DeferredChannelMessageWithSource,
      T.DeferredUpdateMessage,
      T.UpdateMessage,
    ],
    [InteractionType.Ping]: [T.Pong],
  };
  return allowed[interactionType]?.includes(callbackType) ?? false;
}

/** Autocomplete results: at most 25 choices, names of 1-100 characters, string values of at most 100. */
function choiceProblems(choices: unknown): FormProblem[] {
  const at = ['data', 'choices'];
  if (!Array.isArray(choices))
    return [{ path: at, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }];
  const problems: FormProblem[] = [];
  if (choices.length > 25)
    problems.push({ path: at, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
  choices.forEach((choice: unknown, index: number) => {
    const item = (typeof choice === 'object' && choice !== null ? choice : {}) as JsonObject;
    if (typeof item.name !== 'string' || item.name.length < 1 || item.name.length > 100) {
      problems.push({
        path: [...at, index, 'name'],
        code: 'BASE_TYPE_BAD_LENGTH',
        message: 'Must be between 1 and 100 in length.',
      });
    }
    if (typeof item.value === 'string' ? item.value.length > 100 : typeof item.value !== 'number') {
      problems.push({
        path: [...at, index, 'value'],
        code: 'BASE_TYPE_BAD_LENGTH',
        message: 'Must be between 1 and 100 in length.',
      });
    }
  });
  return problems;
}

/** Modals: a custom id, a title of at most 45 characters, 1-5 components. */
function modalProblems(data: JsonObject | undefined): FormProblem[] {
  const problems: FormProblem[] = [];
  const at = ['data'];
  if (typeof data?.custom_id !== 'string' || data.custom_id.length === 0 || data.custom_id.length > 100) {
    problems.push({
      path: [...at, 'custom_id'],
      code: 'BASE_TYPE_BAD_LENGTH',
      message: 'Must be between 1 and 100 in length.',
    });
  }
  if (typeof data?.title !== 'string' || data.title.length === 0 || data.title.length > 45) {
    problems.push({
      path: [...at, 'title'],
      code: 'BASE_TYPE_BAD_LENGTH',
      message: 'Must be between 1 and 45 in length.',
    });
  }
  const components = data?.components;
  if (!Array.isArray(components) || components.length === 0 || components.length > 5) {
    problems.push({
      path: [...at, 'components'],
      code: 'BASE_TYPE_BAD_LENGTH',
      message: 'Must be between 1 and 5 in length.',
    });
  }
  return problems;
}
