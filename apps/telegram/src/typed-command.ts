import type { Message, MessageEntity } from 'grammy/types';

/** A command as typed: `/imagine@genhub_bot a fox --ar 16:9` is `imagine` with `a fox --ar 16:9`. */
export interface TypedCommand {
  /** Lower case, without the slash or the bot's name. */
  name: string;
  /** Everything after the command. */
  text: string;
  /** Whether it named this bot (`/imagine@genhub_bot`). */
  addressed: boolean;
}

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]+))?(?=\s|$)/;

/**
 * The command a message (or a photo's caption) starts with, unless it is addressed to another bot
 * (`/imagine@other_bot`). Undefined for messages that are not commands.
 */
export function typedCommand(
  message: Pick<Message, 'text' | 'caption' | 'entities' | 'caption_entities'>,
  botUsername: string,
): TypedCommand | undefined {
  const content = message.text ?? message.caption;
  if (content === undefined) return undefined;
  const entities: readonly MessageEntity[] | undefined =
    message.text !== undefined ? message.entities : message.caption_entities;
  const entity = entities?.find((candidate) => candidate.type === 'bot_command' && candidate.offset === 0);
  // Telegram marks commands with an entity; without entities (an old client), read the text itself.
  const head = entity ? content.slice(0, entity.length) : COMMAND.exec(content)?.[0];
  if (head === undefined) return undefined;
  const match = COMMAND.exec(head);
  if (!match?.[1]) return undefined;
  const target = match[2];
  if (target !== undefined && target.toLowerCase() !== botUsername.toLowerCase()) return undefined;
  return {
    name: match[1].toLowerCase(),
    text: content.slice(head.length).trim(),
    addressed: target !== undefined,
  };
}
