import { type ChatActor, type ChatController, type Choice, findCommand, isFirstDelivery } from '@genhub/chat';
import type { Logger, RecordStore } from '@genhub/core';
import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  DiscordAPIError,
  type Interaction,
  MessageFlags,
} from 'discord.js';
import { INTERACTION_CLAIM } from './claim-interaction.js';
import { autocompleteRequest, commandRequest, discordActor } from './command-request.js';
import { DiscordErrorCode, describeDiscordError } from './describe-discord-error.js';
import type { DiscordConfig } from './discord-config.js';
import { DiscordInteractionSurface } from './discord-interaction-surface.js';
import { DISCORD_LIMITS, discordSurfaceLimits } from './discord-limits.js';
import { clip } from './discord-message-body.js';
import { DiscordMessageHandle, INTERACTION_TOKEN_TTL_MS } from './discord-message-handle.js';

/** The longest a user's privacy setting may hold up an acknowledgement (Discord allows 3 s in all). */
const SETTINGS_WAIT_MS = 1000;
/** The longest autocomplete may take before it answers with no choices. */
const AUTOCOMPLETE_WAIT_MS = 2000;

export interface DiscordInteractionHandlerOptions {
  client: Client;
  controller: ChatController;
  config: DiscordConfig;
  logger: Logger;
  /** Where each command and button press is claimed, so one delivered twice runs once. */
  records: RecordStore;
  /**
   * Claim each interaction in the store before acknowledging it (the HTTP endpoint: a repeat gets no
   * answer at all). The gateway bot acknowledges first: Discord accepts one callback per interaction,
   * so a repeat's acknowledgement is refused there, and the acknowledgement never waits behind the
   * store's writes (Discord allows 3 s). Default false.
   */
  claimBeforeAcknowledging?: boolean;
}

/**
 * Hands Discord's interactions to the chat controller: commands and button presses are
 * acknowledged at once (deferred), then answered through a `DiscordInteractionSurface`;
 * autocomplete is answered with the controller's choices. A command or press is claimed in the store
 * by its interaction id, so one delivered again (even to another process) is left alone.
 * Never throws; Discord's errors are logged.
 */
export class DiscordInteractionHandler {
  constructor(private readonly options: DiscordInteractionHandlerOptions) {}

  async handle(interaction: Interaction): Promise<void> {
    try {
      // Autocomplete only suggests, so it is answered every time it comes.
      if (interaction.isAutocomplete()) return await this.#autocomplete(interaction);
      if (!interaction.isChatInputCommand() && !interaction.isButton()) return;
      const claimFirst = this.options.claimBeforeAcknowledging === true;
      if (claimFirst && !(await this.#claim(interaction))) return;
      const ephemeral = await this.#acknowledge(interaction);
      if (ephemeral === undefined) return;
      if (!claimFirst && !(await this.#claim(interaction))) return;
      await this.#run(interaction, ephemeral);
    } catch (error) {
      this.options.logger.error('a Discord interaction failed', describeDiscordError(error));
    }
  }

  #claim(interaction: ChatInputCommandInteraction | ButtonInteraction): Promise<boolean> {
    const { records, logger } = this.options;
    return isFirstDelivery(records, INTERACTION_CLAIM, interaction.id, logger, {
      interactionId: interaction.id,
    });
  }

  /**
   * Defers the command (ephemeral when the command or the user's settings say private) or the
   * button press. Says whether the reply is ephemeral, or undefined when Discord refused.
   */
  async #acknowledge(
    interaction: ChatInputCommandInteraction | ButtonInteraction,
  ): Promise<boolean | undefined> {
    const { logger } = this.options;
    let ephemeral = false;
    try {
      if (interaction.isChatInputCommand()) {
        const spec = findCommand(interaction.commandName);
        ephemeral =
          spec === undefined ||
          spec.kind === 'account' ||
          spec.kind === 'admin' ||
          (await this.#prefersPrivate(discordActor(interaction)));
        await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      } else {
        await interaction.deferUpdate();
        ephemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
      }
      return ephemeral;
    } catch (error) {
      const fields = { interactionId: interaction.id, ...describeDiscordError(error) };
      if (error instanceof DiscordAPIError && error.code === DiscordErrorCode.AlreadyAcknowledged) {
        logger.info('a Discord interaction came again; it was acknowledged already', fields);
      } else {
        logger.warn('could not acknowledge a Discord interaction', fields);
      }
      return undefined;
    }
  }

  async #run(
    interaction: ChatInputCommandInteraction | ButtonInteraction,
    ephemeral: boolean,
  ): Promise<void> {
    const { client, controller, logger } = this.options;
    const actor = discordActor(interaction);
    if (interaction.isChatInputCommand()) {
      await controller.command(actor, this.#surface(interaction, ephemeral), commandRequest(interaction));
      return;
    }
    const pressed = new DiscordMessageHandle(
      client,
      {
        applicationId: interaction.applicationId,
        token: interaction.token,
        tokenExpiresAt: interaction.createdTimestamp + INTERACTION_TOKEN_TTL_MS,
        webhookMessage: '@original',
        channelId: interaction.channelId,
        messageId: interaction.message.id,
        ephemeral,
      },
      logger,
    );
    await controller.press(actor, this.#surface(interaction, false), interaction.customId, pressed);
  }

  async #autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const { controller, logger } = this.options;
    const request = autocompleteRequest(interaction);
    const numeric = [ApplicationCommandOptionType.Integer, ApplicationCommandOptionType.Number].includes(
      interaction.options.getFocused(true).type,
    );
    const choices = await within(
      controller.autocomplete(discordActor(interaction), request),
      AUTOCOMPLETE_WAIT_MS,
      [] as Choice[],
    ).catch(() => [] as Choice[]);
    const answer = choices
      .map((choice) => ({
        name: clip(choice.name, 100),
        value: numeric ? Number(choice.value) : clip(choice.value, 100),
      }))
      .filter((choice) => typeof choice.value === 'string' || Number.isFinite(choice.value))
      .slice(0, DISCORD_LIMITS.autocompleteChoices);
    try {
      await interaction.respond(answer);
    } catch (error) {
      logger.warn('could not answer a Discord autocomplete', {
        command: request.command,
        option: request.option,
        ...describeDiscordError(error),
      });
    }
  }

  #surface(interaction: ChatInputCommandInteraction | ButtonInteraction, ephemeral: boolean) {
    const { client, config, logger } = this.options;
    return new DiscordInteractionSurface({
      client,
      interaction,
      ephemeral,
      limits: discordSurfaceLimits(interaction.attachmentSizeLimit, config.editIntervalMs),
      logger,
    });
  }

  /** Whether the user's settings say private; public when they cannot be read in time. */
  async #prefersPrivate(actor: ChatActor): Promise<boolean> {
    const effective = this.options.controller.settings.effective(actor.userId, actor.communityId);
    const privacy = await within(
      effective.then((settings) => settings.privacy),
      SETTINGS_WAIT_MS,
      'public',
    ).catch(() => 'public');
    return privacy === 'private';
  }
}

/** `work`'s value, or `fallback` if it takes longer than `ms`. */
function within<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
