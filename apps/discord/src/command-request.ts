import type { ChatActor, ChatPlace, CommandRequest, InputImage } from '@genhub/chat';
import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type BaseInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  PermissionFlagsBits,
} from 'discord.js';

/** Kept with each job, to find its message again after a restart. */
export const FRONT_END = 'discord';

/**
 * Who acts: `discord:<user id>`, in `discord:<guild id>`, an admin there with Manage Server, in
 * the channel `discord:<channel id>` (a thread: its parent channel) with its age restriction.
 */
export function discordActor(interaction: BaseInteraction): ChatActor {
  const place = interaction.guildId === null ? undefined : discordPlace(interaction);
  return {
    userId: `discord:${interaction.user.id}`,
    ...(interaction.guildId === null ? {} : { communityId: `discord:${interaction.guildId}` }),
    isCommunityAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    frontEnd: FRONT_END,
    ...(place ? { place } : {}),
  };
}

/**
 * The guild channel an interaction came from and whether Discord marks it age-restricted (`nsfw`);
 * a thread is its parent channel, whose flag it follows. A channel the bot cannot see counts as not
 * age-restricted.
 */
function discordPlace(interaction: BaseInteraction): ChatPlace | undefined {
  const channel = interaction.channel;
  const own = channel?.isThread() ? channel.parent : channel;
  const id = (channel?.isThread() ? channel.parentId : undefined) ?? interaction.channelId;
  if (id === null) return undefined;
  const nsfw = own !== null && own !== undefined && 'nsfw' in own ? own.nsfw === true : false;
  return { id: `discord:${id}`, ageRestricted: nsfw };
}

/** A slash command's options, as the chat layer takes them. */
interface ReadOptions {
  subcommand?: string;
  options: Record<string, string | number | boolean>;
  images: InputImage[];
  focused?: { name: string; value: string };
}

/**
 * Flattens Discord's options: a subcommand gives its name and its own options; users become
 * `discord:<id>`; attachments become input images; channels, roles and mentionables their ids.
 */
function readOptions(data: readonly CommandInteractionOption[]): ReadOptions {
  const read: ReadOptions = { options: {}, images: [] };
  const visit = (options: readonly CommandInteractionOption[]) => {
    for (const option of options) {
      switch (option.type) {
        case ApplicationCommandOptionType.Subcommand:
          read.subcommand = option.name;
          visit(option.options ?? []);
          break;
        case ApplicationCommandOptionType.SubcommandGroup:
          visit(option.options ?? []);
          break;
        case ApplicationCommandOptionType.User:
          if (option.value !== undefined) read.options[option.name] = `discord:${String(option.value)}`;
          break;
        case ApplicationCommandOptionType.Attachment: {
          const attachment = option.attachment;
          if (!attachment) break;
          const mediaType = attachment.contentType?.split(';')[0]?.trim();
          read.images.push({ url: attachment.url, ...(mediaType ? { mediaType } : {}) });
          break;
        }
        default:
          if (option.focused) read.focused = { name: option.name, value: String(option.value ?? '') };
          else if (option.value !== undefined) read.options[option.name] = option.value;
      }
    }
  };
  visit(data);
  return read;
}

/** A slash command as the chat controller takes it. */
export function commandRequest(interaction: ChatInputCommandInteraction): CommandRequest {
  const read = readOptions(interaction.options.data);
  return {
    name: interaction.commandName,
    ...(read.subcommand === undefined ? {} : { subcommand: read.subcommand }),
    ...(Object.keys(read.options).length === 0 ? {} : { options: read.options }),
    ...(read.images.length === 0 ? {} : { images: read.images }),
  };
}

/** What a user types into an autocomplete option, with the options filled in so far. */
export function autocompleteRequest(interaction: AutocompleteInteraction): {
  command: string;
  subcommand?: string;
  option: string;
  query: string;
  options: Record<string, string | number | boolean>;
} {
  const read = readOptions(interaction.options.data);
  const focused = read.focused ?? { name: interaction.options.getFocused(true).name, value: '' };
  return {
    command: interaction.commandName,
    ...(read.subcommand === undefined ? {} : { subcommand: read.subcommand }),
    option: focused.name,
    query: focused.value,
    options: read.options,
  };
}
