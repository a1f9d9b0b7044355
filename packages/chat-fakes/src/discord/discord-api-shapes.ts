/**
 * The few Discord API v10 shapes and numbers the fake speaks, transcribed from Discord's documentation
 * (discord-api-types does not resolve from the testkit, so it is not imported).
 */

/** A JSON object as it travels on the wire. */
export type JsonObject = Record<string, unknown>;

/** Interaction types. */
export const InteractionType = {
  Ping: 1,
  ApplicationCommand: 2,
  MessageComponent: 3,
  ApplicationCommandAutocomplete: 4,
  ModalSubmit: 5,
} as const;

/** Interaction callback (response) types. */
export const InteractionCallbackType = {
  Pong: 1,
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
  ApplicationCommandAutocompleteResult: 8,
  Modal: 9,
} as const;

/** Where an interaction was triggered. */
export const InteractionContextType = { Guild: 0, BotDm: 1, PrivateChannel: 2 } as const;

/** Application command option types. */
export const OptionType = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

/** Application command types. */
export const CommandType = { ChatInput: 1, User: 2, Message: 3, PrimaryEntryPoint: 4 } as const;

/** Channel types the fake has. */
export const ChannelType = { GuildText: 0, Dm: 1, PublicThread: 11 } as const;

/** Message flags. */
export const MessageFlag = {
  SuppressEmbeds: 1 << 2,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsComponentsV2: 1 << 15,
} as const;

/** Message types. */
export const MessageType = { Default: 0, Reply: 19, ChatInputCommand: 20 } as const;

/** Message component types. */
export const ComponentType = { ActionRow: 1, Button: 2, StringSelect: 3 } as const;

/** Button styles; `Link` buttons carry a `url` instead of a `custom_id`. */
export const ButtonStyle = { Primary: 1, Secondary: 2, Success: 3, Danger: 4, Link: 5, Premium: 6 } as const;

/** Gateway opcodes. */
export const GatewayOp = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
  RequestSoundboardSounds: 31,
} as const;

/** Gateway close codes. */
export const GatewayCloseCode = {
  UnknownError: 4000,
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidSeq: 4007,
  RateLimited: 4008,
  SessionTimedOut: 4009,
  InvalidShard: 4010,
  InvalidApiVersion: 4012,
  InvalidIntents: 4013,
  DisallowedIntents: 4014,
} as const;

/** Gateway intents. */
export const GatewayIntent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildModeration: 1 << 2,
  GuildExpressions: 1 << 3,
  GuildIntegrations: 1 << 4,
  GuildWebhooks: 1 << 5,
  GuildInvites: 1 << 6,
  GuildVoiceStates: 1 << 7,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  GuildMessageReactions: 1 << 10,
  GuildMessageTyping: 1 << 11,
  DirectMessages: 1 << 12,
  DirectMessageReactions: 1 << 13,
  DirectMessageTyping: 1 << 14,
  MessageContent: 1 << 15,
  GuildScheduledEvents: 1 << 16,
  AutoModerationConfiguration: 1 << 20,
  AutoModerationExecution: 1 << 21,
  GuildMessagePolls: 1 << 24,
  DirectMessagePolls: 1 << 25,
} as const;

/** Every intent bit Discord knows; any other bit closes the gateway with 4013. */
export const ALL_INTENTS = Object.values(GatewayIntent).reduce((all, bit) => all | bit, 0);

/** Intents an application must switch on in the developer portal (else 4014). */
export const PRIVILEGED_INTENTS =
  GatewayIntent.GuildMembers | GatewayIntent.GuildPresences | GatewayIntent.MessageContent;

/** A message component as sent and echoed: action rows holding buttons or a select menu. */
export interface DiscordComponent {
  type: number;
  id?: number;
  components?: DiscordComponent[];
  custom_id?: string;
  label?: string;
  style?: number;
  url?: string;
  disabled?: boolean;
  emoji?: JsonObject;
  options?: JsonObject[];
  placeholder?: string;
  [key: string]: unknown;
}

/** One option of an application command definition. */
export interface DiscordCommandOption {
  type: number;
  name: string;
  description?: string;
  required?: boolean;
  choices?: Array<{ name: string; value: string | number; name_localizations?: unknown }>;
  options?: DiscordCommandOption[];
  autocomplete?: boolean;
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
  channel_types?: number[];
  [key: string]: unknown;
}

/** An application command as Discord stores and returns it. */
export interface DiscordCommand {
  id: string;
  application_id: string;
  guild_id?: string;
  version: string;
  type: number;
  name: string;
  description: string;
  options?: DiscordCommandOption[];
  default_member_permissions: string | null;
  dm_permission?: boolean;
  nsfw: boolean;
  integration_types: number[];
  contexts: number[] | null;
  [key: string]: unknown;
}

/** One option of an interaction's `data.options`. */
export interface DiscordInteractionOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: DiscordInteractionOption[];
  focused?: boolean;
}

/** A gateway payload. */
export interface GatewayPayload {
  op: number;
  d: unknown;
  s?: number | null;
  t?: string | null;
}
