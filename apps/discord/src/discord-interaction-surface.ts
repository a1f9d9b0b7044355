import type {
  ChatMessage,
  ChatMessageHandle,
  ChatSurface,
  CommandSurface,
  SurfaceLimits,
} from '@genhub/chat';
import type { Logger } from '@genhub/core';
import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type Message,
  MessageFlags,
} from 'discord.js';
import { describeDiscordError } from './describe-discord-error.js';
import { DiscordChannelSurface } from './discord-channel-surface.js';
import { discordMessageBody } from './discord-message-body.js';
import { DiscordMessageHandle, INTERACTION_TOKEN_TTL_MS } from './discord-message-handle.js';

export interface DiscordInteractionSurfaceOptions {
  client: Client;
  /** Already acknowledged: a command with `deferReply`, a button with `deferUpdate`. */
  interaction: ChatInputCommandInteraction | ButtonInteraction;
  /** Whether the deferred reply of a command is ephemeral; new messages of that command are too. */
  ephemeral: boolean;
  limits: SurfaceLimits;
  logger: Logger;
}

/**
 * Where GenHub answers one interaction. A command's first answer fills its deferred reply
 * (`@original`); later answers, and every answer to a button press, are follow-ups. A private
 * answer to a public deferral replaces it with an ephemeral follow-up. Answers go out one at a
 * time, in order.
 */
export class DiscordInteractionSurface implements CommandSurface {
  readonly style = 'slash' as const;
  readonly limits: SurfaceLimits;
  readonly #options: DiscordInteractionSurfaceOptions;
  #awaitingDeferral: boolean;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: DiscordInteractionSurfaceOptions) {
    this.#options = options;
    this.limits = options.limits;
    this.#awaitingDeferral = options.interaction.isChatInputCommand();
  }

  reply(message: ChatMessage): Promise<ChatMessageHandle> {
    const sent = this.#queue.then(() => this.#send(message));
    this.#queue = sent.catch(() => {});
    return sent;
  }

  /** The user's direct messages, for results they asked to receive there; none when already in them. */
  async direct(): Promise<ChatSurface | undefined> {
    const { interaction, client, logger } = this.#options;
    if (!interaction.inGuild()) return undefined;
    try {
      const channel = await interaction.user.createDM();
      return new DiscordChannelSurface(client, channel, { ...this.limits }, logger);
    } catch (error) {
      logger.warn('could not open a direct message channel', describeDiscordError(error));
      return undefined;
    }
  }

  async #send(message: ChatMessage): Promise<ChatMessageHandle> {
    const { interaction, logger } = this.#options;
    const body = await discordMessageBody(message);
    try {
      if (this.#awaitingDeferral) {
        this.#awaitingDeferral = false;
        if (!(message.private === true && !this.#options.ephemeral)) {
          const sent = await interaction.editReply(body);
          return this.#handle('@original', sent, this.#options.ephemeral);
        }
        // A private answer to a public deferral: the "thinking" message goes, the answer comes only to the user.
        await interaction.deleteReply();
      }
      const ephemeral = message.private === true || this.#options.ephemeral;
      const { attachments: _replace, ...send } = body;
      const sent = await interaction.followUp({
        ...send,
        ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
      });
      return this.#handle(sent.id, sent, ephemeral);
    } catch (error) {
      logger.warn('could not answer a Discord interaction', describeDiscordError(error));
      throw error;
    }
  }

  #handle(webhookMessage: string, sent: Message, ephemeral: boolean): DiscordMessageHandle {
    const { interaction, client, logger } = this.#options;
    return new DiscordMessageHandle(
      client,
      {
        applicationId: interaction.applicationId,
        token: interaction.token,
        tokenExpiresAt: interaction.createdTimestamp + INTERACTION_TOKEN_TTL_MS,
        webhookMessage,
        channelId: sent.channelId,
        messageId: sent.id,
        ephemeral: ephemeral || sent.flags.has(MessageFlags.Ephemeral),
      },
      logger,
    );
  }
}
