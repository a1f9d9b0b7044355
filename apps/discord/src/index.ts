// @genhub/discord: GenHub on Discord (slash commands, buttons and autocomplete with discord.js).

export { checkDiscordCommandLimits, DISCORD_COMMAND_LIMITS } from './check-discord-command-limits.js';
export { autocompleteRequest, commandRequest, discordActor, FRONT_END } from './command-request.js';
export type { DeployedCommands } from './deploy-commands.js';
export { deployCommands } from './deploy-commands.js';
export { describeDiscordError, redactRoute } from './describe-discord-error.js';
export type { DiscordCommandJson } from './discord-commands.js';
export { discordCommands } from './discord-commands.js';
export type { DiscordConfig } from './discord-config.js';
export { DEFAULT_EDIT_INTERVAL_MS, DISCORD_ENV_VARS, discordConfigFromEnv } from './discord-config.js';
export { DISCORD_INTERACTIONS_PATH } from './discord-interactions-endpoint.js';
export { DISCORD_LIMITS, discordSurfaceLimits } from './discord-limits.js';
export type { DiscordMessageRef } from './discord-message-handle.js';
export { DiscordMessageHandle, parseDiscordMessageRef } from './discord-message-handle.js';
export type { DiscordBot, StartDiscordBotOptions } from './start-discord-bot.js';
export { startDiscordBot } from './start-discord-bot.js';
export type { DiscordInteractionsBot } from './start-discord-interactions-bot.js';
export { startDiscordInteractionsBot } from './start-discord-interactions-bot.js';
