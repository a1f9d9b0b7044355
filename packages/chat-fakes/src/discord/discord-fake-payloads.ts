import {
  ChannelType,
  GatewayIntent,
  InteractionContextType,
  InteractionType,
  type JsonObject,
} from './discord-api-shapes.js';
import type {
  DiscordFakeAttachment,
  DiscordFakeChannel,
  DiscordFakeGuild,
  DiscordFakeMessage,
  DiscordFakeRole,
  DiscordFakeState,
  DiscordFakeUser,
} from './discord-fake-state.js';
import { DM_APP_PERMISSIONS } from './discord-permissions.js';

/**
 * Builds the JSON objects Discord sends (users, members, channels, guilds, messages, interactions), with
 * the fields Discord's documentation lists, so discord.js caches them as it would the real ones.
 */

/** A user object. */
export function apiUser(user: DiscordFakeUser): JsonObject {
  return {
    id: user.id,
    username: user.username,
    discriminator: user.bot ? '0001' : '0',
    global_name: user.globalName,
    avatar: null,
    avatar_decoration_data: null,
    banner: null,
    accent_color: null,
    collectibles: null,
    primary_guild: null,
    clan: null,
    public_flags: 0,
    ...(user.bot ? { bot: true } : {}),
  };
}

/** The bot's own user, as `GET /users/@me` and READY give it. */
export function apiBotUser(user: DiscordFakeUser): JsonObject {
  return { ...apiUser(user), bot: true, verified: true, mfa_enabled: false, email: null, flags: 0 };
}

export function apiRole(role: DiscordFakeRole): JsonObject {
  return {
    id: role.id,
    name: role.name,
    description: null,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions,
    managed: role.managed,
    mentionable: false,
    flags: 0,
    ...(role.botId === undefined ? {} : { tags: { bot_id: role.botId } }),
  };
}

/** A guild member; `permissions` is added for interactions. */
export function apiMember(
  state: DiscordFakeState,
  guildId: string,
  user: DiscordFakeUser,
  extra: { withUser?: boolean; permissions?: bigint } = {},
): JsonObject {
  const guild = state.guild(guildId);
  return {
    ...(extra.withUser === false ? {} : { user: apiUser(user) }),
    nick: user.nick,
    avatar: null,
    banner: null,
    roles: state.memberRoles(guildId, user),
    joined_at: guild?.joinedAt ?? new Date().toISOString(),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
    unusual_dm_activity_until: null,
    ...(extra.permissions === undefined ? {} : { permissions: extra.permissions.toString() }),
  };
}

/** A channel object; guild channels list `guild_id` except inside GUILD_CREATE. */
export function apiChannel(
  state: DiscordFakeState,
  channel: DiscordFakeChannel,
  extra: { withGuildId?: boolean; permissions?: bigint } = {},
): JsonObject {
  const lastMessageId = lastMessageIn(state, channel.id);
  if (channel.type === ChannelType.Dm) {
    const recipient = channel.recipientId === undefined ? undefined : state.users.get(channel.recipientId);
    return {
      id: channel.id,
      type: ChannelType.Dm,
      flags: 0,
      last_message_id: lastMessageId,
      recipients: recipient ? [apiUser(recipient)] : [],
    };
  }
  if (channel.type === ChannelType.PublicThread) {
    // A thread has no age restriction of its own: it follows its parent channel's `nsfw`.
    return {
      id: channel.id,
      type: channel.type,
      ...(extra.withGuildId === false ? {} : { guild_id: channel.guildId }),
      name: channel.name,
      parent_id: channel.parentId ?? null,
      owner_id: state.botUser.id,
      rate_limit_per_user: 0,
      last_message_id: lastMessageId,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      flags: 0,
      thread_metadata: {
        archived: false,
        auto_archive_duration: 1440,
        archive_timestamp: new Date(0).toISOString(),
        locked: false,
      },
      ...(extra.permissions === undefined ? {} : { permissions: extra.permissions.toString() }),
    };
  }
  return {
    id: channel.id,
    type: channel.type,
    ...(extra.withGuildId === false ? {} : { guild_id: channel.guildId }),
    name: channel.name,
    position: channel.position,
    permission_overwrites: [],
    parent_id: null,
    topic: null,
    nsfw: channel.nsfw,
    rate_limit_per_user: 0,
    last_message_id: lastMessageId,
    flags: 0,
    ...(extra.permissions === undefined ? {} : { permissions: extra.permissions.toString() }),
  };
}

function lastMessageIn(state: DiscordFakeState, channelId: string): string | null {
  let last: string | null = null;
  for (const message of state.messages.values()) {
    if (message.channelId === channelId && !message.ephemeral && !message.deleted) last = message.id;
  }
  return last;
}

/** GUILD_CREATE's data: the guild with its roles, channels and (with GUILD_MEMBERS) its members. */
export function apiGuildCreate(
  state: DiscordFakeState,
  guild: DiscordFakeGuild,
  intents: number,
): JsonObject {
  const memberIds =
    (intents & GatewayIntent.GuildMembers) === 0 ? [state.botUser.id] : [...new Set(guild.memberIds)];
  const members = memberIds.flatMap((id) => {
    const user = state.users.get(id);
    return user ? [apiMember(state, guild.id, user)] : [];
  });
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: guild.channels[0]?.id ?? null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    max_presences: null,
    max_members: 500_000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: guild.locale,
    nsfw_level: 0,
    incidents_data: null,
    roles: guild.roles.map(apiRole),
    emojis: [],
    stickers: [],
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: new Set(guild.memberIds).size,
    voice_states: [],
    members,
    channels: guild.channels.map((channel) => apiChannel(state, channel, { withGuildId: false })),
    threads: state.threadsOf(guild.id).map((thread) => apiChannel(state, thread)),
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    embedded_activities: [],
    activity_instances: [],
    application_command_counts: {},
    lazy: true,
    region: 'deprecated',
    hub_type: null,
    home_header: null,
    latest_onboarding_question_id: null,
  };
}

export function apiAttachment(attachment: DiscordFakeAttachment): JsonObject {
  return {
    id: attachment.id,
    filename: attachment.filename,
    size: attachment.size,
    url: attachment.url,
    proxy_url: attachment.proxyUrl,
    content_type: attachment.contentType,
    content_scan_version: 0,
    ...(attachment.width === undefined ? {} : { width: attachment.width, height: attachment.height }),
    ...(attachment.description === undefined ? {} : { description: attachment.description }),
    ...(attachment.title === undefined ? {} : { title: attachment.title }),
    ...(attachment.ephemeral ? { ephemeral: true } : {}),
  };
}

/** A message object; gateway events add `guild_id` (and `member`). */
export function apiMessage(
  state: DiscordFakeState,
  message: DiscordFakeMessage,
  extra: { forGateway?: boolean } = {},
): JsonObject {
  const author = state.users.get(message.authorId) ?? state.botUser;
  const interaction =
    message.interactionId === undefined ? undefined : state.interactions.get(message.interactionId);
  const payload: JsonObject = {
    id: message.id,
    type: message.type,
    channel_id: message.channelId,
    author: apiUser(author),
    content: message.content,
    timestamp: message.createdAt,
    edited_timestamp: message.editedAt,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: message.attachments.map(apiAttachment),
    embeds: message.embeds,
    components: message.components,
    pinned: false,
    flags: message.flags,
  };
  if (message.webhookId !== undefined) {
    payload.webhook_id = message.webhookId;
    payload.application_id = message.webhookId;
  }
  if (interaction) {
    const original = interaction.original();
    payload.interaction_metadata = {
      id: interaction.id,
      type: interaction.type,
      user: apiUser(interaction.user),
      authorizing_integration_owners: interaction.payload.authorizing_integration_owners,
      ...(interaction.commandName === undefined ? {} : { name: interaction.commandName, command_type: 1 }),
      ...(original && original.id !== message.id ? { original_response_message_id: original.id } : {}),
      ...(interaction.sourceMessageId === undefined
        ? {}
        : { interacted_message_id: interaction.sourceMessageId }),
    };
    if (interaction.type === InteractionType.ApplicationCommand) {
      payload.interaction = {
        id: interaction.id,
        type: interaction.type,
        name: interaction.commandName,
        user: apiUser(interaction.user),
      };
    }
  }
  if (extra.forGateway && message.guildId !== undefined) {
    payload.guild_id = message.guildId;
    if (author.id !== state.botUser.id || message.webhookId === undefined) {
      payload.member = apiMember(state, message.guildId, author, { withUser: false });
    }
  }
  return payload;
}

/** The parts every interaction shares: who, where, the token, permissions and limits. */
export function interactionBase(
  state: DiscordFakeState,
  init: {
    id: string;
    token: string;
    type: number;
    applicationId: string;
    user: DiscordFakeUser;
    channel: DiscordFakeChannel;
    attachmentSizeLimit: number;
    locale?: string | undefined;
    appPermissions?: bigint | undefined;
  },
): JsonObject {
  const { channel, user } = init;
  const base: JsonObject = {
    id: init.id,
    application_id: init.applicationId,
    type: init.type,
    token: init.token,
    version: 1,
    locale: init.locale ?? user.locale,
    entitlements: [],
    attachment_size_limit: init.attachmentSizeLimit,
  };
  if (channel.guildId !== undefined) {
    const guild = state.guild(channel.guildId);
    const permissions = state.memberPermissions(channel.guildId, user);
    const appPermissions = init.appPermissions ?? state.memberPermissions(channel.guildId, state.botUser);
    Object.assign(base, {
      guild: { id: channel.guildId, locale: guild?.locale ?? 'en-US', features: [] },
      guild_id: channel.guildId,
      guild_locale: guild?.locale ?? 'en-US',
      channel: apiChannel(state, channel, { permissions }),
      channel_id: channel.id,
      member: apiMember(state, channel.guildId, user, { permissions }),
      app_permissions: appPermissions.toString(),
      authorizing_integration_owners: { '0': channel.guildId },
      context: InteractionContextType.Guild,
    });
  } else {
    Object.assign(base, {
      channel: apiChannel(state, channel),
      channel_id: channel.id,
      user: apiUser(user),
      app_permissions: (init.appPermissions ?? DM_APP_PERMISSIONS).toString(),
      authorizing_integration_owners: { '0': '0' },
      context: InteractionContextType.BotDm,
    });
  }
  return base;
}

/** READY's data. */
export function readyPayload(
  state: DiscordFakeState,
  init: {
    sessionId: string;
    resumeUrl: string;
    applicationId: string;
    applicationFlags: number;
    shard: [number, number];
    guilds: readonly DiscordFakeGuild[];
  },
): JsonObject {
  return {
    v: 10,
    user_settings: {},
    user: apiBotUser(state.botUser),
    guilds: init.guilds.map((guild) => ({ id: guild.id, unavailable: true })),
    guild_join_requests: [],
    relationships: [],
    private_channels: [],
    presences: [],
    game_relationships: [],
    session_id: init.sessionId,
    session_type: 'normal',
    resume_gateway_url: init.resumeUrl,
    shard: init.shard,
    application: { id: init.applicationId, flags: init.applicationFlags },
    auth: {},
    geo_ordered_rtc_regions: ['fake-local'],
    _trace: ['["gateway-fake-local",{"micros":1,"calls":[]}]'],
  };
}

/** `GET /applications/@me`. */
export function apiApplication(
  state: DiscordFakeState,
  init: { applicationId: string; name: string; flags: number },
): JsonObject {
  const owner = state.guilds[0] ? state.users.get(state.guilds[0].ownerId) : undefined;
  return {
    id: init.applicationId,
    name: init.name,
    icon: null,
    description: '',
    summary: '',
    type: null,
    hook: true,
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: init.flags,
    owner: owner ? apiUser(owner) : null,
    team: null,
    bot: apiUser(state.botUser),
    approximate_guild_count: state.guilds.length,
    approximate_user_install_count: 0,
    redirect_uris: [],
    interactions_endpoint_url: null,
    role_connections_verification_url: null,
    event_webhooks_url: null,
    event_webhooks_status: 1,
    tags: [],
    install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
    integration_types_config: { '0': {} },
    is_monetized: false,
    is_verified: false,
    is_discoverable: false,
    storefront_available: false,
  };
}
