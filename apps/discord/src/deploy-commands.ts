import type { CommandDefinition } from '@genhub/chat';
import { type APIApplicationCommand, DiscordAPIError, REST, Routes } from 'discord.js';
import { checkDiscordCommandLimits } from './check-discord-command-limits.js';
import { discordCommands } from './discord-commands.js';
import type { DiscordConfig } from './discord-config.js';
import { makeDiscordRequest } from './make-discord-request.js';

/** What `deployCommands` registered, and where. */
export interface DeployedCommands {
  /** `guild` with `DISCORD_GUILD_ID` (shown at once, for development), else `global`. */
  scope: 'global' | 'guild';
  guildId?: string;
  /** The commands' names, as Discord stored them. */
  names: string[];
}

/**
 * Registers GenHub's commands with Discord, replacing the ones registered before (one bulk
 * overwrite): in the server `DISCORD_GUILD_ID` when set, else globally. REST goes through
 * `DISCORD_API_URL` when set. Throws, before calling Discord, if Discord would refuse them.
 */
export async function deployCommands(
  config: Pick<DiscordConfig, 'token' | 'applicationId' | 'apiUrl' | 'guildId'>,
  definitions: readonly CommandDefinition[],
): Promise<DeployedCommands> {
  const commands = discordCommands(definitions);
  const problems = checkDiscordCommandLimits(commands);
  if (problems.length > 0)
    throw new Error(`Discord would refuse these commands:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const rest = new REST({
    makeRequest: makeDiscordRequest,
    ...(config.apiUrl === undefined ? {} : { api: config.apiUrl }),
  }).setToken(config.token);
  const route =
    config.guildId === undefined
      ? Routes.applicationCommands(config.applicationId)
      : Routes.applicationGuildCommands(config.applicationId, config.guildId);
  try {
    const registered = (await rest.put(route, { body: commands })) as APIApplicationCommand[];
    return {
      scope: config.guildId === undefined ? 'global' : 'guild',
      ...(config.guildId === undefined ? {} : { guildId: config.guildId }),
      names: registered.map((command) => command.name),
    };
  } catch (error) {
    throw explain(error, config);
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

/** Discord's refusals an operator can act on, as a sentence naming the setting. */
function explain(error: unknown, config: Pick<DiscordConfig, 'guildId'>): unknown {
  if (!(error instanceof DiscordAPIError)) return error;
  if (error.status === 401)
    return new Error('Discord refused DISCORD_TOKEN (401 Unauthorized); copy the bot token again.', {
      cause: error,
    });
  if (error.status === 403 || error.status === 404)
    return new Error(
      config.guildId === undefined
        ? `Discord refused the registration (${error.status}): does DISCORD_APPLICATION_ID belong to this bot's token?`
        : `Discord refused the registration (${error.status}): is the bot in server DISCORD_GUILD_ID, invited with the applications.commands scope, and does DISCORD_APPLICATION_ID belong to its token?`,
      { cause: error },
    );
  return error;
}
