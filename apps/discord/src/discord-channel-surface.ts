import type { ChatMessage, ChatMessageHandle, ChatSurface, SurfaceLimits } from '@genhub/chat';
import type { Logger } from '@genhub/core';
import type { Client, DMChannel, TextChannel } from 'discord.js';
import { describeDiscordError } from './describe-discord-error.js';
import { discordMessageBody } from './discord-message-body.js';
import { DiscordMessageHandle } from './discord-message-handle.js';

/** A channel the bot posts to with its own REST access: a user's direct messages, or a server's channel. */
export class DiscordChannelSurface implements ChatSurface {
  constructor(
    private readonly client: Client,
    private readonly channel: DMChannel | TextChannel,
    readonly limits: SurfaceLimits,
    private readonly logger: Logger,
  ) {}

  async reply(message: ChatMessage): Promise<ChatMessageHandle> {
    const { attachments: _replace, ...body } = await discordMessageBody(message);
    try {
      const sent = await this.channel.send(body);
      return new DiscordMessageHandle(
        this.client,
        {
          applicationId: this.client.application?.id ?? this.client.user?.id ?? '',
          token: null,
          tokenExpiresAt: 0,
          webhookMessage: sent.id,
          channelId: sent.channelId,
          messageId: sent.id,
          ephemeral: false,
        },
        this.logger,
      );
    } catch (error) {
      this.logger.warn('could not send a message to a channel', {
        channelId: this.channel.id,
        ...describeDiscordError(error),
      });
      throw error;
    }
  }
}
