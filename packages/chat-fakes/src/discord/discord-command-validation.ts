import {
  CommandType,
  type DiscordCommand,
  type DiscordCommandOption,
  type JsonObject,
  OptionType,
} from './discord-api-shapes.js';
import type { FormProblem } from './discord-errors.js';

/** Discord's documented limits on application commands. */
export const DiscordCommandLimits = {
  name: 32,
  description: 100,
  options: 25,
  choices: 25,
  choiceName: 100,
  choiceStringValue: 100,
  stringLength: 6000,
  combined: 4000,
  /** Per scope (global, or one guild), by command type. */
  perType: {
    [CommandType.ChatInput]: 100,
    [CommandType.User]: 15,
    [CommandType.Message]: 15,
    [CommandType.PrimaryEntryPoint]: 1,
  } as Readonly<Record<number, number>>,
} as const;

/** CHAT_INPUT command and option names. */
const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

type Path = readonly (string | number)[];

const badLength = (path: Path, min: number, max: number): FormProblem => ({
  path,
  code: 'BASE_TYPE_BAD_LENGTH',
  message: `Must be between ${min} and ${max} in length.`,
});
const maxLength = (path: Path, max: number): FormProblem => ({
  path,
  code: 'BASE_TYPE_MAX_LENGTH',
  message: `Must be ${max} or fewer in length.`,
});
const requiredField = (path: Path): FormProblem => ({
  path,
  code: 'BASE_TYPE_REQUIRED',
  message: 'This field is required',
});

/** Problems with a bulk overwrite body (`PUT .../commands`), paths starting at the command's index. */
export function validateCommandList(body: unknown): FormProblem[] {
  if (!Array.isArray(body)) {
    return [{ path: [], code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }];
  }
  const problems: FormProblem[] = [];
  const counts = new Map<number, number>();
  const names = new Set<string>();
  body.forEach((command: unknown, index: number) => {
    problems.push(...validateCommand(command, [index]));
    if (!isObject(command)) return;
    const type = typeof command.type === 'number' ? command.type : CommandType.ChatInput;
    counts.set(type, (counts.get(type) ?? 0) + 1);
    const key = `${type}:${String(command.name)}`;
    if (names.has(key)) {
      problems.push({
        path: [index, 'name'],
        code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
        message: 'Application command names must be unique',
      });
    }
    names.add(key);
  });
  for (const [type, count] of counts) {
    const limit = DiscordCommandLimits.perType[type];
    if (limit !== undefined && count > limit) problems.push(maxLength([], limit));
  }
  return problems;
}

/** Problems with one command definition. */
export function validateCommand(command: unknown, at: Path = []): FormProblem[] {
  if (!isObject(command))
    return [{ path: at, code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used.' }];
  const problems: FormProblem[] = [];
  const type = command.type ?? CommandType.ChatInput;
  if (typeof type !== 'number' || !(Object.values(CommandType) as number[]).includes(type)) {
    problems.push({
      path: [...at, 'type'],
      code: 'BASE_TYPE_CHOICES',
      message: 'Value must be one of {1, 2, 3, 4}.',
    });
    return problems;
  }
  const chatInput = type === CommandType.ChatInput;
  problems.push(...nameProblems(command.name, [...at, 'name'], chatInput));
  if (chatInput) {
    problems.push(...descriptionProblems(command.description, [...at, 'description']));
  } else if (typeof command.description === 'string' && command.description !== '') {
    problems.push({
      path: [...at, 'description'],
      code: 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION',
      message: 'Context menu commands cannot have a description',
    });
  }
  if (command.options !== undefined && command.options !== null) {
    if (!chatInput) {
      problems.push({
        path: [...at, 'options'],
        code: 'APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS',
        message: 'Context menu commands cannot have options',
      });
    } else {
      problems.push(...optionListProblems(command.options, [...at, 'options'], 0));
    }
  }
  const permissions = command.default_member_permissions;
  if (
    permissions !== undefined &&
    permissions !== null &&
    !(typeof permissions === 'string' && /^\d+$/.test(permissions))
  ) {
    problems.push({
      path: [...at, 'default_member_permissions'],
      code: 'NUMBER_TYPE_COERCE',
      message: `Value "${String(permissions)}" is not snowflake.`,
    });
  }
  problems.push(...enumList(command.contexts, [...at, 'contexts'], [0, 1, 2]));
  problems.push(...enumList(command.integration_types, [...at, 'integration_types'], [0, 1]));
  if (problems.length === 0 && combinedLength(command) > DiscordCommandLimits.combined) {
    problems.push({
      path: at,
      code: 'APPLICATION_COMMAND_TOO_LARGE',
      message: `Command exceeds maximum size (${DiscordCommandLimits.combined})`,
    });
  }
  return problems;
}

function nameProblems(name: unknown, path: Path, chatInput: boolean): FormProblem[] {
  if (typeof name !== 'string') return [requiredField(path)];
  if (name.length < 1 || [...name].length > DiscordCommandLimits.name)
    return [badLength(path, 1, DiscordCommandLimits.name)];
  if (!chatInput) return [];
  if (!NAME_PATTERN.test(name) || name !== name.toLowerCase()) {
    return [{ path, code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' }];
  }
  return [];
}

function descriptionProblems(description: unknown, path: Path): FormProblem[] {
  if (typeof description !== 'string') return [requiredField(path)];
  const length = [...description].length;
  return length < 1 || length > DiscordCommandLimits.description
    ? [badLength(path, 1, DiscordCommandLimits.description)]
    : [];
}

function enumList(value: unknown, path: Path, allowed: readonly number[]): FormProblem[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return [{ path, code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }];
  return value.flatMap((item: unknown, index: number) =>
    typeof item === 'number' && allowed.includes(item)
      ? []
      : [
          {
            path: [...path, index],
            code: 'BASE_TYPE_CHOICES',
            message: `Value must be one of {${allowed.join(', ')}}.`,
          },
        ],
  );
}

const SUB = [OptionType.Subcommand, OptionType.SubcommandGroup] as number[];
const WITH_CHOICES = [OptionType.String, OptionType.Integer, OptionType.Number] as number[];

/** `depth` 0: a command's options; 1: a group's or subcommand's; 2: a subcommand inside a group. */
function optionListProblems(options: unknown, at: Path, depth: number): FormProblem[] {
  if (!Array.isArray(options)) return [{ path: at, code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }];
  const problems: FormProblem[] = [];
  if (options.length > DiscordCommandLimits.options)
    problems.push(maxLength(at, DiscordCommandLimits.options));
  const names = new Set<string>();
  let sawOptional = false;
  const kinds = new Set<'sub' | 'value'>();
  options.forEach((option: unknown, index: number) => {
    const path = [...at, index];
    if (!isObject(option)) {
      problems.push({ path, code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used.' });
      return;
    }
    const type = option.type;
    if (typeof type !== 'number' || type < 1 || type > 11) {
      problems.push({
        path: [...path, 'type'],
        code: 'BASE_TYPE_CHOICES',
        message: 'Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.',
      });
      return;
    }
    kinds.add(SUB.includes(type) ? 'sub' : 'value');
    problems.push(...nameProblems(option.name, [...path, 'name'], true));
    problems.push(...descriptionProblems(option.description, [...path, 'description']));
    if (typeof option.name === 'string') {
      if (names.has(option.name)) {
        problems.push({
          path: [...path, 'name'],
          code: 'APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS',
          message: 'Option names must be unique',
        });
      }
      names.add(option.name);
    }
    if (type === OptionType.SubcommandGroup) {
      if (depth > 0) problems.push(nesting([...path, 'type']));
      const children = Array.isArray(option.options) ? option.options : [];
      if (children.some((child: unknown) => !isObject(child) || child.type !== OptionType.Subcommand)) {
        problems.push(nesting([...path, 'options']));
      } else {
        problems.push(...optionListProblems(children, [...path, 'options'], depth + 1));
      }
      return;
    }
    if (type === OptionType.Subcommand) {
      if (depth > 1) problems.push(nesting([...path, 'type']));
      if (option.options !== undefined && option.options !== null) {
        const children = Array.isArray(option.options) ? option.options : [];
        if (children.some((child: unknown) => isObject(child) && SUB.includes(Number(child.type)))) {
          problems.push(nesting([...path, 'options']));
        } else {
          problems.push(...optionListProblems(children, [...path, 'options'], depth + 1));
        }
      }
      return;
    }
    if (option.required === true && sawOptional) {
      problems.push({
        path: [...path, 'required'],
        code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        message: 'Required options must be placed before non-required options',
      });
    }
    if (option.required !== true) sawOptional = true;
    problems.push(...choiceProblems(option, type, path));
    if (type === OptionType.String) {
      for (const key of ['min_length', 'max_length'] as const) {
        const value = option[key];
        const min = key === 'min_length' ? 0 : 1;
        if (
          value !== undefined &&
          (typeof value !== 'number' || value < min || value > DiscordCommandLimits.stringLength)
        ) {
          problems.push({
            path: [...path, key],
            code: 'NUMBER_TYPE_MAX',
            message: `int value should be between ${min} and ${DiscordCommandLimits.stringLength}.`,
          });
        }
      }
    }
  });
  if (kinds.size > 1) {
    problems.push({
      path: at,
      code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
      message: 'Sub-command and sub-command group option types are mutually exclusive to all other types',
    });
  }
  return problems;
}

function nesting(path: Path): FormProblem {
  return {
    path,
    code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
    message: 'Sub-commands nest at most two levels deep: group, sub-command, options',
  };
}

function choiceProblems(option: JsonObject, type: number, path: Path): FormProblem[] {
  if (option.choices === undefined || option.choices === null) return [];
  const at = [...path, 'choices'];
  if (!WITH_CHOICES.includes(type)) {
    return [
      {
        path: at,
        code: 'APPLICATION_COMMAND_OPTION_CHOICES_INVALID',
        message: 'Only string, integer and number options can have choices',
      },
    ];
  }
  if (!Array.isArray(option.choices))
    return [{ path: at, code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }];
  const problems: FormProblem[] = [];
  if (option.autocomplete === true && option.choices.length > 0) {
    problems.push({
      path: [...path, 'autocomplete'],
      code: 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID',
      message: 'Autocomplete cannot be set on options with choices',
    });
  }
  if (option.choices.length > DiscordCommandLimits.choices)
    problems.push(maxLength(at, DiscordCommandLimits.choices));
  option.choices.forEach((choice: unknown, index: number) => {
    if (!isObject(choice)) return;
    const name = choice.name;
    if (typeof name !== 'string') problems.push(requiredField([...at, index, 'name']));
    else if (name.length < 1 || name.length > DiscordCommandLimits.choiceName) {
      problems.push(badLength([...at, index, 'name'], 1, DiscordCommandLimits.choiceName));
    }
    const value = choice.value;
    if (type === OptionType.String) {
      if (typeof value !== 'string') problems.push(requiredField([...at, index, 'value']));
      else if (value.length < 1 || value.length > DiscordCommandLimits.choiceStringValue) {
        problems.push(badLength([...at, index, 'value'], 1, DiscordCommandLimits.choiceStringValue));
      }
    } else if (typeof value !== 'number' || (type === OptionType.Integer && !Number.isInteger(value))) {
      problems.push({
        path: [...at, index, 'value'],
        code: type === OptionType.Integer ? 'NUMBER_TYPE_COERCE' : 'NUMBER_TYPE_COERCE',
        message: `Value "${String(value)}" is not ${type === OptionType.Integer ? 'int' : 'a number'}.`,
      });
    }
  });
  return problems;
}

/** Characters counted against the 4000 limit: names, descriptions and choice names and values. */
function combinedLength(command: JsonObject): number {
  let total = String(command.name ?? '').length + String(command.description ?? '').length;
  const visit = (options: unknown) => {
    if (!Array.isArray(options)) return;
    for (const option of options) {
      if (!isObject(option)) continue;
      total += String(option.name ?? '').length + String(option.description ?? '').length;
      if (Array.isArray(option.choices)) {
        for (const choice of option.choices) {
          if (isObject(choice)) total += String(choice.name ?? '').length + String(choice.value ?? '').length;
        }
      }
      visit(option.options);
    }
  };
  visit(command.options);
  return total;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A valid definition as Discord stores it, with its id, version and defaults filled in. */
export function storedCommand(
  definition: JsonObject,
  init: { id: string; version: string; applicationId: string; guildId?: string | undefined },
): DiscordCommand {
  const type = typeof definition.type === 'number' ? definition.type : CommandType.ChatInput;
  const command: DiscordCommand = {
    id: init.id,
    application_id: init.applicationId,
    version: init.version,
    type,
    name: String(definition.name),
    name_localizations: definition.name_localizations ?? null,
    description: typeof definition.description === 'string' ? definition.description : '',
    description_localizations: definition.description_localizations ?? null,
    default_member_permissions:
      typeof definition.default_member_permissions === 'string'
        ? definition.default_member_permissions
        : null,
    nsfw: definition.nsfw === true,
    integration_types: Array.isArray(definition.integration_types)
      ? (definition.integration_types as number[])
      : [0],
    contexts: Array.isArray(definition.contexts) ? (definition.contexts as number[]) : null,
  };
  if (init.guildId !== undefined) command.guild_id = init.guildId;
  else command.dm_permission = definition.dm_permission !== false;
  if (Array.isArray(definition.options)) command.options = definition.options as DiscordCommandOption[];
  if (definition.handler !== undefined && definition.handler !== null) command.handler = definition.handler;
  return command;
}
