import type { ChatMessage, ChatMessageHandle } from '@genhub/chat';
import type { JsonObject, Logger } from '@genhub/core';
import { type Client, InteractionWebhook } from 'discord.js';
import { describeDiscordError, isExpiredToken } from './describe-discord-error.js';
import { discordMessageBody } from './discord-message-body.js';

/** How long an interaction's token works, from the interaction's creation. */
export const INTERACTION_TOKEN_TTL_MS = 15 * 60_000;
/** Stop using a token this long before it expires, so no edit races the deadline. */
const TOKEN_MARGIN_MS = 30_000;

/**
 * What finds a message again, also after a restart: the interaction's webhook (application id and
 * token, for 15 minutes) and, for messages everyone sees, the channel and message id, which the
 * bot's own REST access can edit at any time.
 */
export interface DiscordMessageRef {
  applicationId: string;
  /** The interaction token; null for messages the bot sent itself (direct messages). */
  token: string | null;
  /** When the token stops working, in milliseconds since 1970. */
  tokenExpiresAt: number;
  /** The message as the webhook names it: `@original`, or its id. */
  webhookMessage: string;
  channelId: string | null;
  messageId: string | null;
  /** Ephemeral messages exist only through the webhook: once its token expires they are out of reach. */
  ephemeral: boolean;
}

/** The ref of a stored job's message, or undefined when it is not one of ours or is malformed. */
export function parseDiscordMessageRef(value: JsonObject): DiscordMessageRef | undefined {
  const text = (key: string) => (typeof value[key] === 'string' ? (value[key] as string) : null);
  const applicationId = text('applicationId');
  const webhookMessage = text('webhookMessage');
  if (applicationId === null || webhookMessage === null || typeof value.tokenExpiresAt !== 'number')
    return undefined;
  return {
    applicationId,
    token: text('token'),
    tokenExpiresAt: value.tokenExpiresAt,
    webhookMessage,
    channelId: text('channelId'),
    messageId: text('messageId'),
    ephemeral: value.ephemeral === true,
  };
}

/**
 * A message GenHub may edit or delete: through the interaction's webhook while its token works,
 * then through the channel (messages everyone sees). Every Discord error is logged, then thrown
 * for the chat layer to handle.
 */
export class DiscordMessageHandle implements ChatMessageHandle {
  readonly #ref: DiscordMessageRef;

  constructor(
    private readonly client: Client,
    ref: DiscordMessageRef,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.#ref = { ...ref };
  }

  get ref(): JsonObject {
    return { ...this.#ref };
  }

  /** Whether either way to the message still works. */
  reachable(): boolean {
    return this.#webhookUsable() || this.#channelUsable();
  }

  async edit(message: ChatMessage): Promise<void> {
    const body = await discordMessageBody(message);
    await this.#call(
      'edit',
      async (webhook, target) => {
        await webhook.editMessage(target, body);
      },
      async (channelId, messageId) => {
        await (await this.#messages(channelId)).edit(messageId, body);
      },
    );
  }

  async delete(): Promise<void> {
    await this.#call(
      'delete',
      (webhook, target) => webhook.deleteMessage(target),
      async (channelId, messageId) => {
        await (await this.#messages(channelId)).delete(messageId);
      },
    );
  }

  #webhookUsable(): boolean {
    return this.#ref.token !== null && this.now() < this.#ref.tokenExpiresAt - TOKEN_MARGIN_MS;
  }

  #channelUsable(): boolean {
    return !this.#ref.ephemeral && this.#ref.channelId !== null && this.#ref.messageId !== null;
  }

  async #call(
    what: 'edit' | 'delete',
    viaWebhook: (webhook: InteractionWebhook, target: string) => Promise<void>,
    viaChannel: (channelId: string, messageId: string) => Promise<void>,
  ): Promise<void> {
    const context = { messageId: this.#ref.messageId, channelId: this.#ref.channelId };
    if (this.#webhookUsable() && this.#ref.token !== null) {
      const webhook = new InteractionWebhook(
        this.client as Client<true>,
        this.#ref.applicationId,
        this.#ref.token,
      );
      try {
        await viaWebhook(webhook, this.#ref.webhookMessage);
        return;
      } catch (error) {
        if (!isExpiredToken(error) || !this.#channelUsable()) {
          this.logger.warn(`could not ${what} a Discord message`, {
            ...context,
            ...describeDiscordError(error),
          });
          throw error;
        }
        this.logger.debug('the interaction token no longer works; using the channel', context);
        this.#ref.token = null;
      }
    }
    const { channelId, messageId } = this.#ref;
    if (!this.#channelUsable() || channelId === null || messageId === null) {
      const error = new Error(
        `The Discord message can no longer be reached to ${what} it: its interaction token expired.`,
      );
      this.logger.warn(`could not ${what} a Discord message`, { ...context, error: error.message });
      throw error;
    }
    try {
      await viaChannel(channelId, messageId);
    } catch (error) {
      this.logger.warn(`could not ${what} a Discord message`, { ...context, ...describeDiscordError(error) });
      throw error;
    }
  }

  async #messages(channelId: string) {
    const channel = await this.client.channels.fetch(channelId);
    if (!channel?.isTextBased()) throw new Error(`Discord channel ${channelId} is not a text channel.`);
    return channel.messages;
  }
}
