import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';

/** Discord's documented limits on slash commands. */
export const DISCORD_COMMAND_LIMITS = {
  /** Slash commands per scope (global, or one server). */
  commands: 100,
  name: 32,
  description: 100,
  options: 25,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** `max_length` of a string option. */
  stringLength: 6000,
  /** Names, descriptions and choice names and values of one command, all counted together. */
  combined: 4000,
} as const;

/** Command and option names: letters (any script, lower case where it has cases), digits, `-`, `_` and `'`. */
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

type CommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * Everything Discord would refuse in these commands, one sentence each; empty when they are fine.
 * discord.js's builders check names, descriptions and counts one command at a time; this also
 * checks what they leave to Discord: unique names, required options first, the 4000-character total
 * and the 100-command cap.
 */
export function checkDiscordCommandLimits(commands: readonly CommandJson[]): string[] {
  const problems: string[] = [];
  if (commands.length > DISCORD_COMMAND_LIMITS.commands)
    problems.push(
      `There are ${commands.length} commands; Discord allows ${DISCORD_COMMAND_LIMITS.commands}.`,
    );
  const names = new Set<string>();
  for (const command of commands) {
    const where = `/${command.name}`;
    if (names.has(command.name)) problems.push(`${where} is defined twice.`);
    names.add(command.name);
    problems.push(...nameProblems(command.name, where));
    problems.push(...descriptionProblems(command.description, where));
    problems.push(...optionProblems(command.options ?? [], where, 0));
    const total = combinedLength(command);
    if (total > DISCORD_COMMAND_LIMITS.combined)
      problems.push(
        `${where} has ${total} characters of names, descriptions and choices; Discord allows ${DISCORD_COMMAND_LIMITS.combined}.`,
      );
  }
  return problems;
}

function nameProblems(name: string, where: string): string[] {
  return NAME.test(name) && name === name.toLowerCase()
    ? []
    : [`${where}: the name "${name}" must be 1 to 32 lower-case letters, digits, - or _.`];
}

function descriptionProblems(description: string, where: string): string[] {
  const length = [...description].length;
  return length >= 1 && length <= DISCORD_COMMAND_LIMITS.description
    ? []
    : [
        `${where}: the description must be 1 to ${DISCORD_COMMAND_LIMITS.description} characters (it has ${length}).`,
      ];
}

const SUBCOMMANDS: readonly ApplicationCommandOptionType[] = [
  ApplicationCommandOptionType.Subcommand,
  ApplicationCommandOptionType.SubcommandGroup,
];

function optionProblems(
  options: readonly APIApplicationCommandOption[],
  where: string,
  depth: number,
): string[] {
  const problems: string[] = [];
  if (options.length > DISCORD_COMMAND_LIMITS.options)
    problems.push(
      `${where} has ${options.length} options; Discord allows ${DISCORD_COMMAND_LIMITS.options}.`,
    );
  const kinds = new Set(options.map((option) => SUBCOMMANDS.includes(option.type)));
  if (kinds.size > 1) problems.push(`${where} mixes subcommands with other options.`);
  const names = new Set<string>();
  let sawOptional = false;
  for (const option of options) {
    const at = `${where} ${option.name}`;
    if (names.has(option.name)) problems.push(`${where} has two options named "${option.name}".`);
    names.add(option.name);
    problems.push(...nameProblems(option.name, at), ...descriptionProblems(option.description, at));
    if (
      option.type === ApplicationCommandOptionType.Subcommand ||
      option.type === ApplicationCommandOptionType.SubcommandGroup
    ) {
      const limit = option.type === ApplicationCommandOptionType.SubcommandGroup ? 0 : 1;
      if (depth > limit) problems.push(`${at} is nested too deep.`);
      problems.push(...optionProblems(option.options ?? [], at, depth + 1));
      continue;
    }
    if (option.required === true && sawOptional)
      problems.push(
        `${at} is required but comes after an optional option; Discord wants required ones first.`,
      );
    if (option.required !== true) sawOptional = true;
    if (
      option.type === ApplicationCommandOptionType.String ||
      option.type === ApplicationCommandOptionType.Integer ||
      option.type === ApplicationCommandOptionType.Number
    ) {
      const choices: ReadonlyArray<{ name: string; value: string | number }> = option.choices ?? [];
      if (choices.length > DISCORD_COMMAND_LIMITS.choices)
        problems.push(
          `${at} has ${choices.length} choices; Discord allows ${DISCORD_COMMAND_LIMITS.choices}.`,
        );
      if (choices.length > 0 && option.autocomplete === true)
        problems.push(`${at} has both choices and autocomplete.`);
      for (const choice of choices) {
        const nameLength = [...choice.name].length;
        if (nameLength < 1 || nameLength > DISCORD_COMMAND_LIMITS.choiceName)
          problems.push(
            `${at}: the choice "${choice.name}" needs a name of 1 to ${DISCORD_COMMAND_LIMITS.choiceName} characters.`,
          );
        if (
          typeof choice.value === 'string' &&
          (choice.value.length < 1 || choice.value.length > DISCORD_COMMAND_LIMITS.choiceValue)
        )
          problems.push(
            `${at}: the choice value "${choice.value}" must be 1 to ${DISCORD_COMMAND_LIMITS.choiceValue} characters.`,
          );
      }
    }
    if (option.type === ApplicationCommandOptionType.String) {
      for (const [key, min] of [
        ['min_length', 0],
        ['max_length', 1],
      ] as const) {
        const value = option[key];
        if (value !== undefined && (value < min || value > DISCORD_COMMAND_LIMITS.stringLength))
          problems.push(`${at}: ${key} must be from ${min} to ${DISCORD_COMMAND_LIMITS.stringLength}.`);
      }
    }
    if (
      (option.type === ApplicationCommandOptionType.Integer ||
        option.type === ApplicationCommandOptionType.Number) &&
      option.min_value !== undefined &&
      option.max_value !== undefined &&
      option.min_value > option.max_value
    )
      problems.push(`${at}: min_value is above max_value.`);
  }
  return problems;
}

/** Characters Discord counts against the 4000: names, descriptions and choice names and values. */
function combinedLength(command: CommandJson): number {
  let total = command.name.length + command.description.length;
  const visit = (options: readonly APIApplicationCommandOption[]) => {
    for (const option of options) {
      total += option.name.length + option.description.length;
      if ('choices' in option && Array.isArray(option.choices))
        for (const choice of option.choices as ReadonlyArray<{ name: string; value: string | number }>)
          total += choice.name.length + String(choice.value).length;
      if ('options' in option && Array.isArray(option.options))
        visit(option.options as APIApplicationCommandOption[]);
    }
  };
  visit(command.options ?? []);
  return total;
}
