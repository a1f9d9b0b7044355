import type { CommandDefinition, CommandOption } from '@genhub/chat';
import {
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandAttachmentOption,
  SlashCommandBooleanOption,
  SlashCommandBuilder,
  SlashCommandChannelOption,
  SlashCommandIntegerOption,
  SlashCommandNumberOption,
  SlashCommandStringOption,
  SlashCommandSubcommandBuilder,
  SlashCommandUserOption,
} from 'discord.js';
import { DISCORD_COMMAND_LIMITS } from './check-discord-command-limits.js';
import { clip } from './discord-message-body.js';

/** A command as Discord registers it (`PUT /applications/:id/commands`). */
export type DiscordCommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** What options are added to: a command or a subcommand. */
interface OptionTarget {
  addStringOption(option: SlashCommandStringOption): unknown;
  addIntegerOption(option: SlashCommandIntegerOption): unknown;
  addNumberOption(option: SlashCommandNumberOption): unknown;
  addBooleanOption(option: SlashCommandBooleanOption): unknown;
  addAttachmentOption(option: SlashCommandAttachmentOption): unknown;
  addUserOption(option: SlashCommandUserOption): unknown;
  addChannelOption(option: SlashCommandChannelOption): unknown;
}

/**
 * GenHub's commands as Discord's slash commands, built (and checked) with discord.js's builders:
 * usable in servers and in DMs with the bot, `/admin` shown only to members with Manage Server.
 */
export function discordCommands(definitions: readonly CommandDefinition[]): DiscordCommandJson[] {
  return definitions.map((definition) => {
    const builder = new SlashCommandBuilder()
      .setName(definition.name)
      .setDescription(describe(definition.description))
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
      .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
    if (definition.spec.kind === 'admin')
      builder.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild);
    for (const sub of definition.subcommands ?? []) {
      const subcommand = new SlashCommandSubcommandBuilder()
        .setName(sub.name)
        .setDescription(describe(sub.description));
      addOptions(subcommand, sub.options);
      builder.addSubcommand(subcommand);
    }
    addOptions(builder, definition.options);
    return builder.toJSON();
  });
}

function describe(text: string): string {
  return clip(text.trim() === '' ? 'No description' : text, DISCORD_COMMAND_LIMITS.description);
}

function addOptions(target: OptionTarget, options: readonly CommandOption[]): void {
  for (const option of options.slice(0, DISCORD_COMMAND_LIMITS.options)) {
    const name = option.name;
    const description = describe(option.description);
    switch (option.type) {
      case 'string': {
        const built = new SlashCommandStringOption()
          .setName(name)
          .setDescription(description)
          .setRequired(option.required);
        const values = (option.choices ?? []).map(String);
        const fit = values.every(
          (value) => value.length >= 1 && value.length <= DISCORD_COMMAND_LIMITS.choiceValue,
        );
        if (values.length > 0 && values.length <= DISCORD_COMMAND_LIMITS.choices && fit)
          built.setChoices(
            ...values.map((value) => ({ name: clip(value, DISCORD_COMMAND_LIMITS.choiceName), value })),
          );
        else if (option.autocomplete || values.length > 0) built.setAutocomplete(true);
        if (option.maxLength !== undefined && option.maxLength >= 1)
          built.setMaxLength(Math.min(option.maxLength, DISCORD_COMMAND_LIMITS.stringLength));
        target.addStringOption(built);
        break;
      }
      case 'integer': {
        const built = new SlashCommandIntegerOption()
          .setName(name)
          .setDescription(description)
          .setRequired(option.required);
        const values = (option.choices ?? []).filter(
          (value): value is number => typeof value === 'number' && Number.isInteger(value),
        );
        if (values.length > 0 && values.length <= DISCORD_COMMAND_LIMITS.choices)
          built.setChoices(...values.map((value) => ({ name: String(value), value })));
        else {
          if (option.autocomplete) built.setAutocomplete(true);
          if (option.min !== undefined) built.setMinValue(Math.ceil(option.min));
          if (option.max !== undefined) built.setMaxValue(Math.floor(option.max));
        }
        target.addIntegerOption(built);
        break;
      }
      case 'number': {
        const built = new SlashCommandNumberOption()
          .setName(name)
          .setDescription(description)
          .setRequired(option.required);
        const values = (option.choices ?? []).filter(
          (value): value is number => typeof value === 'number' && Number.isFinite(value),
        );
        if (values.length > 0 && values.length <= DISCORD_COMMAND_LIMITS.choices)
          built.setChoices(...values.map((value) => ({ name: String(value), value })));
        else {
          if (option.autocomplete) built.setAutocomplete(true);
          if (option.min !== undefined) built.setMinValue(option.min);
          if (option.max !== undefined) built.setMaxValue(option.max);
        }
        target.addNumberOption(built);
        break;
      }
      case 'boolean':
        target.addBooleanOption(
          new SlashCommandBooleanOption()
            .setName(name)
            .setDescription(description)
            .setRequired(option.required),
        );
        break;
      case 'attachment':
        target.addAttachmentOption(
          new SlashCommandAttachmentOption()
            .setName(name)
            .setDescription(description)
            .setRequired(option.required),
        );
        break;
      case 'user':
        target.addUserOption(
          new SlashCommandUserOption().setName(name).setDescription(description).setRequired(option.required),
        );
        break;
      case 'channel':
        target.addChannelOption(
          new SlashCommandChannelOption()
            .setName(name)
            .setDescription(description)
            .setRequired(option.required)
            .addChannelTypes(ChannelType.GuildText),
        );
        break;
    }
  }
}
