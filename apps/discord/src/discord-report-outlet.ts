import type { ChatSurface, ReportOutlet, SurfaceLimits } from '@genhub/chat';
import type { JsonObject, Logger } from '@genhub/core';
import { ChannelType, type Client, PermissionFlagsBits } from 'discord.js';
import { describeDiscordError } from './describe-discord-error.js';
import { DiscordChannelSurface } from './discord-channel-surface.js';
import { DiscordMessageHandle, parseDiscordMessageRef } from './discord-message-handle.js';

const PREFIX = 'discord:';

/**
 * Reports on Discord: to the server's chosen text channel, or else to the server owner's direct
 * messages (finding every member with Manage Server would need the privileged members intent).
 * Admin checks ask Discord for the member (REST, no privileged intent).
 */
export class DiscordReportOutlet implements ReportOutlet {
  constructor(
    private readonly client: Client,
    private readonly limits: SurfaceLimits,
    private readonly logger: Logger,
  ) {}

  async adminSurfaces(communityId: string, place: string | undefined): Promise<ChatSurface[]> {
    const guildId = idOf(communityId);
    if (guildId === undefined) return [];
    try {
      if (place !== undefined) {
        const channel = await this.client.channels.fetch(place);
        if (channel?.type === ChannelType.GuildText && channel.guildId === guildId)
          return [new DiscordChannelSurface(this.client, channel, this.limits, this.logger)];
        this.logger.warn('the report channel is gone or not a text channel of its server; using the owner', {
          guildId,
          channelId: place,
        });
      }
      const guild = await this.client.guilds.fetch(guildId);
      const owner = await this.client.users.createDM(guild.ownerId);
      return [new DiscordChannelSurface(this.client, owner, this.limits, this.logger)];
    } catch (error) {
      this.logger.warn('could not reach a server’s admins for a report', {
        guildId,
        ...describeDiscordError(error),
      });
      return [];
    }
  }

  async isAdmin(communityId: string, userId: string): Promise<boolean> {
    const guildId = idOf(communityId);
    const memberId = idOf(userId);
    if (guildId === undefined || memberId === undefined) return false;
    try {
      const guild = await this.client.guilds.fetch(guildId);
      if (guild.ownerId === memberId) return true;
      const member = await guild.members.fetch(memberId);
      return member.permissions.has(PermissionFlagsBits.ManageGuild);
    } catch (error) {
      this.logger.warn('could not check a server member', { guildId, ...describeDiscordError(error) });
      return false;
    }
  }

  restore(message: JsonObject): DiscordMessageHandle | undefined {
    const ref = parseDiscordMessageRef(message);
    if (!ref) return undefined;
    const handle = new DiscordMessageHandle(this.client, ref, this.logger);
    return handle.reachable() ? handle : undefined;
  }

  async checkPlace(communityId: string, place: string): Promise<true | string> {
    const guildId = idOf(communityId);
    const sentence = 'Pick a text channel of this server that the bot can post in.';
    if (guildId === undefined || !/^\d{1,20}$/.test(place)) return sentence;
    try {
      const channel = await this.client.channels.fetch(place);
      return channel?.type === ChannelType.GuildText && channel.guildId === guildId ? true : sentence;
    } catch {
      return sentence;
    }
  }
}

function idOf(prefixed: string): string | undefined {
  if (!prefixed.startsWith(PREFIX)) return undefined;
  const id = prefixed.slice(PREFIX.length);
  return /^\d{1,20}$/.test(id) ? id : undefined;
}
