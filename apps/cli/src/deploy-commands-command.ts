import { commandDefinitions } from '@genhub/chat';
import { deployCommands, discordConfigFromEnv } from '@genhub/discord';
import { parseCommandLine } from './command-line.js';
import { runtimePlugins } from './plugins.js';
import { registryOnlyGenHub } from './registry-only.js';
import { UsageError } from './usage-error.js';

/**
 * `genhub deploy-commands [--guild ID]`: registers the slash commands with Discord, their options
 * derived from the configured models: in one server (`--guild` or DISCORD_GUILD_ID; shown at once,
 * for development) or globally (for production; Discord may take a while to show them).
 */
export async function deployCommandsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { guild: { type: 'string' } });
  if (positionals.length > 0)
    throw new UsageError(`genhub deploy-commands takes no argument "${positionals[0]}".`);
  const config = discordConfigFromEnv({
    ...process.env,
    ...(values.guild === undefined ? {} : { DISCORD_GUILD_ID: values.guild }),
  });
  const genhub = await registryOnlyGenHub(runtimePlugins);
  try {
    const deployed = await deployCommands(config, commandDefinitions(genhub.registry));
    const where = deployed.scope === 'guild' ? `in server ${deployed.guildId}` : 'globally';
    console.log(
      `Registered ${deployed.names.length} commands ${where}: ${deployed.names.map((n) => `/${n}`).join(' ')}.`,
    );
    return 0;
  } catch (error) {
    console.error(
      `Discord did not take the commands (${error instanceof Error ? error.message : String(error)}); run "genhub doctor" to check DISCORD_TOKEN and DISCORD_APPLICATION_ID.`,
    );
    return 1;
  } finally {
    await genhub.close();
  }
}
