import {
  type DiscordCommand,
  type DiscordCommandOption,
  type DiscordInteractionOption,
  type JsonObject,
  OptionType,
} from './discord-api-shapes.js';
import { apiAttachment, apiChannel, apiMember, apiRole, apiUser } from './discord-fake-payloads.js';
import type {
  DiscordFakeChannel,
  DiscordFakeRole,
  DiscordFakeState,
  DiscordFakeUser,
} from './discord-fake-state.js';
import { mediaInfo } from './discord-media.js';

/** A file a user attaches to a command option. */
export interface DiscordFakeFile {
  filename: string;
  bytes: Uint8Array;
  /** Sniffed from the bytes, else from the extension, unless given. */
  contentType?: string;
  /** Read from PNG, JPEG, GIF and WebP headers unless given. */
  width?: number;
  height?: number;
  description?: string;
  title?: string;
}

/** An option value as a test writes it; users, channels, roles and files are resolved like Discord does. */
export type DiscordOptionValue =
  | string
  | number
  | boolean
  | DiscordFakeFile
  | DiscordFakeUser
  | DiscordFakeChannel
  | DiscordFakeRole;

export interface BuildOptionsInput {
  state: DiscordFakeState;
  /** The registered definition, when there is one: it gives option types and is checked against. */
  command: DiscordCommand | undefined;
  name: string;
  subcommand?: string | undefined;
  subcommandGroup?: string | undefined;
  values: Readonly<Record<string, DiscordOptionValue>>;
  channel: DiscordFakeChannel;
  /** For autocomplete: the option being typed and its partial text. */
  focused?: { name: string; value: string } | undefined;
}

export interface BuiltOptions {
  options: DiscordInteractionOption[];
  resolved: JsonObject | undefined;
}

/**
 * Turns `{ prompt: 'a cat', count: 2, image: file }` into `data.options` and `data.resolved`, using
 * the registered definition's types when there is one (and refusing what Discord's client would not
 * send: unknown options, missing required ones, values outside choices or bounds).
 */
export function buildInteractionOptions(input: BuildOptionsInput): BuiltOptions {
  const { command, name } = input;
  const label = `/${[name, input.subcommandGroup, input.subcommand].filter(Boolean).join(' ')}`;
  const fail = (message: string): never => {
    throw new Error(`Discord fake, ${label}: ${message}`);
  };
  let definitions: DiscordCommandOption[] | undefined = command?.options ?? (command ? [] : undefined);
  const path: Array<{ name: string; type: number }> = [];
  if (input.subcommandGroup !== undefined) {
    const group = definitions?.find((option) => option.name === input.subcommandGroup);
    if (definitions && group?.type !== OptionType.SubcommandGroup)
      fail(`no sub-command group "${input.subcommandGroup}"`);
    definitions = group?.options ?? (definitions ? [] : undefined);
    path.push({ name: input.subcommandGroup, type: OptionType.SubcommandGroup });
  }
  if (input.subcommand !== undefined) {
    const sub = definitions?.find((option) => option.name === input.subcommand);
    if (definitions && sub?.type !== OptionType.Subcommand) fail(`no sub-command "${input.subcommand}"`);
    definitions = sub?.options ?? (definitions ? [] : undefined);
    path.push({ name: input.subcommand, type: OptionType.Subcommand });
  } else if (
    definitions?.some(
      (option) => option.type === OptionType.Subcommand || option.type === OptionType.SubcommandGroup,
    )
  ) {
    fail('this command has sub-commands; name one with `subcommand`');
  }

  const resolved: Record<string, Record<string, JsonObject>> = {};
  const resolve = (kind: string, id: string, value: JsonObject) => {
    resolved[kind] ??= {};
    resolved[kind][id] = value;
  };
  const guildId = input.channel.guildId;
  const resolveUser = (user: DiscordFakeUser) => {
    resolve('users', user.id, apiUser(user));
    if (guildId !== undefined) {
      input.state.join(guildId, user.id);
      const permissions = input.state.memberPermissions(guildId, user);
      resolve('members', user.id, apiMember(input.state, guildId, user, { withUser: false, permissions }));
    }
  };

  const leaves: DiscordInteractionOption[] = [];
  const given = new Set<string>();
  for (const [optionName, value] of Object.entries(input.values)) {
    given.add(optionName);
    const definition = definitions?.find((option) => option.name === optionName);
    if (definitions && !definition) fail(`no option "${optionName}"`);
    if (input.focused?.name === optionName) continue;
    const type = definition?.type ?? inferType(value);
    leaves.push({ name: optionName, type, value: convert(value, type, definition, optionName) });
  }
  if (input.focused) {
    const definition = definitions?.find((option) => option.name === input.focused?.name);
    if (definitions && !definition) fail(`no option "${input.focused.name}"`);
    if (definition && definition.autocomplete !== true)
      fail(`option "${input.focused.name}" has no autocomplete`);
    leaves.push({
      name: input.focused.name,
      type: definition?.type ?? OptionType.String,
      value: input.focused.value,
      focused: true,
    });
  } else if (definitions) {
    for (const definition of definitions) {
      if (definition.required === true && !given.has(definition.name))
        fail(`required option "${definition.name}" missing`);
    }
  }

  function convert(
    value: DiscordOptionValue,
    type: number,
    definition: DiscordCommandOption | undefined,
    optionName: string,
  ): string | number | boolean {
    const wrong = (what: string): never =>
      fail(`option "${optionName}" takes ${what}, got ${describe(value)}`);
    switch (type) {
      case OptionType.String: {
        if (typeof value !== 'string') return wrong('a string');
        checkChoice(definition, value, optionName);
        if (definition?.min_length !== undefined && value.length < definition.min_length) {
          fail(`option "${optionName}" is shorter than ${definition.min_length}`);
        }
        if (definition?.max_length !== undefined && value.length > definition.max_length) {
          fail(`option "${optionName}" is longer than ${definition.max_length}`);
        }
        return value;
      }
      case OptionType.Integer:
      case OptionType.Number: {
        if (typeof value !== 'number' || (type === OptionType.Integer && !Number.isInteger(value))) {
          return wrong(type === OptionType.Integer ? 'an integer' : 'a number');
        }
        checkChoice(definition, value, optionName);
        if (definition?.min_value !== undefined && value < definition.min_value) {
          fail(`option "${optionName}" is below ${definition.min_value}`);
        }
        if (definition?.max_value !== undefined && value > definition.max_value) {
          fail(`option "${optionName}" is above ${definition.max_value}`);
        }
        return value;
      }
      case OptionType.Boolean:
        return typeof value === 'boolean' ? value : wrong('a boolean');
      case OptionType.User:
      case OptionType.Mentionable: {
        const user =
          typeof value === 'string' ? input.state.users.get(value) : isUser(value) ? value : undefined;
        if (user) {
          resolveUser(user);
          return user.id;
        }
        if (type === OptionType.Mentionable && isRole(value)) {
          resolve('roles', value.id, apiRole(value));
          return value.id;
        }
        return wrong(type === OptionType.User ? 'a user' : 'a user or a role');
      }
      case OptionType.Channel: {
        const channel =
          typeof value === 'string' ? input.state.channel(value) : isChannel(value) ? value : undefined;
        if (!channel) return wrong('a channel');
        const permissions =
          channel.guildId === undefined
            ? undefined
            : input.state.memberPermissions(channel.guildId, input.state.botUser);
        resolve('channels', channel.id, {
          ...pick(apiChannel(input.state, channel), ['id', 'name', 'type', 'parent_id', 'guild_id', 'flags']),
          ...(permissions === undefined ? {} : { permissions: permissions.toString() }),
        });
        return channel.id;
      }
      case OptionType.Role: {
        const role = isRole(value) ? value : undefined;
        if (!role) return wrong('a role');
        resolve('roles', role.id, apiRole(role));
        return role.id;
      }
      case OptionType.Attachment: {
        if (!isFile(value)) return wrong('a file ({ filename, bytes })');
        const info = mediaInfo(value.bytes, value.filename, value.contentType);
        const attachment = input.state.addAttachment({
          folder: 'ephemeral-attachments',
          channelId: input.channel.id,
          filename: value.filename,
          bytes: value.bytes,
          contentType: info.contentType,
          width: value.width ?? info.width,
          height: value.height ?? info.height,
          description: value.description,
          title: value.title,
        });
        resolve('attachments', attachment.id, {
          ...apiAttachment(attachment),
          ...(attachment.width === undefined
            ? {}
            : { placeholder: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAA', placeholder_version: 1 }),
        });
        return attachment.id;
      }
      default:
        return fail(`option "${optionName}" has type ${type}, which takes no value`);
    }
  }

  function checkChoice(
    definition: DiscordCommandOption | undefined,
    value: string | number,
    optionName: string,
  ): void {
    const choices = definition?.choices;
    if (choices && choices.length > 0 && !choices.some((choice) => choice.value === value)) {
      fail(
        `option "${optionName}" must be one of ${choices.map((choice) => JSON.stringify(choice.value)).join(', ')}`,
      );
    }
  }

  let options = leaves;
  for (const level of [...path].reverse()) options = [{ name: level.name, type: level.type, options }];
  return { options, resolved: Object.keys(resolved).length > 0 ? resolved : undefined };
}

function inferType(value: DiscordOptionValue): number {
  if (typeof value === 'string') return OptionType.String;
  if (typeof value === 'boolean') return OptionType.Boolean;
  if (typeof value === 'number') return Number.isInteger(value) ? OptionType.Integer : OptionType.Number;
  if (isFile(value)) return OptionType.Attachment;
  if (isUser(value)) return OptionType.User;
  if (isRole(value)) return OptionType.Role;
  return OptionType.Channel;
}

function isFile(value: DiscordOptionValue): value is DiscordFakeFile {
  return typeof value === 'object' && 'bytes' in value && value.bytes instanceof Uint8Array;
}

function isUser(value: DiscordOptionValue): value is DiscordFakeUser {
  return typeof value === 'object' && 'username' in value;
}

function isRole(value: DiscordOptionValue): value is DiscordFakeRole {
  return typeof value === 'object' && 'managed' in value;
}

function isChannel(value: DiscordOptionValue): value is DiscordFakeChannel {
  return typeof value === 'object' && 'recipientId' in value;
}

function describe(value: DiscordOptionValue): string {
  if (typeof value !== 'object') return JSON.stringify(value);
  if (isFile(value)) return `file ${value.filename}`;
  if (isUser(value)) return `user ${value.username}`;
  if (isRole(value)) return `role ${value.name}`;
  return `channel ${value.id}`;
}

function pick(source: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const key of keys) if (key in source) out[key] = source[key];
  return out;
}
