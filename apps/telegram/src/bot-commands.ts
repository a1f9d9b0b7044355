import type { BotCommand } from 'grammy/types';

/** Telegram's rules for a command name: 1-32 of a-z, 0-9 and _ (so `3d` is fine). */
const NAME = /^[a-z0-9_]{1,32}$/;
const MAX_DESCRIPTION = 256;
const MAX_COMMANDS = 100;

/**
 * The list for `setMyCommands`: each command's name and description, within Telegram's rules;
 * a name Telegram would refuse is left out rather than spoil the whole list.
 */
export function botCommands(definitions: readonly { name: string; description: string }[]): BotCommand[] {
  const seen = new Set<string>();
  const commands: BotCommand[] = [];
  for (const definition of definitions) {
    const command = definition.name.toLowerCase();
    if (!NAME.test(command) || seen.has(command)) continue;
    seen.add(command);
    const text = definition.description.replace(/\s+/g, ' ').trim() || command;
    const description = text.length <= MAX_DESCRIPTION ? text : `${text.slice(0, MAX_DESCRIPTION - 1)}…`;
    commands.push({ command, description });
  }
  return commands.slice(0, MAX_COMMANDS);
}
