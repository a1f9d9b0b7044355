export type {
  DiscordCommand,
  DiscordCommandOption,
  DiscordComponent,
  DiscordInteractionOption,
  GatewayPayload as DiscordGatewayPayload,
} from './discord-api-shapes.js';
export {
  ButtonStyle as DiscordButtonStyle,
  ChannelType as DiscordChannelType,
  CommandType as DiscordCommandType,
  ComponentType as DiscordComponentType,
  GatewayCloseCode as DiscordGatewayCloseCode,
  GatewayIntent as DiscordGatewayIntent,
  GatewayOp as DiscordGatewayOp,
  InteractionCallbackType as DiscordInteractionCallbackType,
  InteractionContextType as DiscordInteractionContextType,
  InteractionType as DiscordInteractionType,
  MessageFlag as DiscordMessageFlag,
  MessageType as DiscordMessageType,
  OptionType as DiscordOptionType,
} from './discord-api-shapes.js';
export { DiscordCommandLimits } from './discord-command-validation.js';
export { DiscordErrors } from './discord-errors.js';
export type {
  DiscordAutocompleteSpec,
  DiscordButtonPressSpec,
  DiscordCommandSpec,
  DiscordEndpointDelivery,
  DiscordFake,
  DiscordFakeOptions,
  DiscordInvocation,
  DiscordModalSubmitSpec,
  DiscordRateLimitOptions,
  DiscordSelectMenuSpec,
  DiscordWaitForOptions,
} from './discord-fake.js';
export { DiscordFakeDefaults, startDiscordFake } from './discord-fake.js';
export type {
  DiscordFakeGateway,
  DiscordGatewayLogEntry,
  DiscordGatewaySession,
  DispatchTarget as DiscordDispatchTarget,
  GatewayCompression as DiscordGatewayCompression,
} from './discord-fake-gateway.js';
export type {
  DiscordChannelSpec,
  DiscordFakeAttachment,
  DiscordFakeButton,
  DiscordFakeCallback,
  DiscordFakeChannel,
  DiscordFakeGuild,
  DiscordFakeInteraction,
  DiscordFakeMessage,
  DiscordFakeMessageState,
  DiscordFakeMessageVersion,
  DiscordFakeRole,
  DiscordFakeUser,
  DiscordUserSpec,
} from './discord-fake-state.js';
export { discordGuildIdOnShard } from './discord-ids.js';
export type { DiscordFakeFile, DiscordOptionValue } from './discord-interaction-options.js';
export { DiscordMessageLimits } from './discord-message-body.js';
export type { DiscordPermissionName, DiscordPermissionsInput } from './discord-permissions.js';
export { DISCORD_ALL_PERMISSIONS, DiscordPermission, discordPermissionBits } from './discord-permissions.js';
