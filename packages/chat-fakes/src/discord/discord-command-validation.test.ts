import { describe, expect, it } from 'vitest';
import { validateCommand, validateCommandList } from './discord-command-validation.js';

const option = (name: string, extra: Record<string, unknown> = {}) => ({
  type: 3,
  name,
  description: `The ${name}`,
  ...extra,
});
const codes = (problems: ReturnType<typeof validateCommand>) =>
  problems.map((problem) => `${problem.path.join('.')}:${problem.code}`);

describe('Discord command validation', () => {
  it('accepts a documented, valid command', () => {
    expect(
      validateCommand({
        name: 'imagine',
        description: 'Generate an image',
        options: [
          option('prompt', { required: true, max_length: 1500 }),
          option('model', { autocomplete: true }),
          option('size', { choices: [{ name: 'Square', value: '1:1' }] }),
          { type: 4, name: 'count', description: 'How many', min_value: 1, max_value: 4 },
          { type: 11, name: 'image', description: 'Reference' },
        ],
        default_member_permissions: '32',
        contexts: [0, 1],
        integration_types: [0],
      }),
    ).toEqual([]);
  });

  it('checks names: the documented pattern, lower case, 1 to 32 characters', () => {
    for (const name of ['ok', 'with-dash_and-1', "it's", 'héllo', 'नमस्ते', 'สวัสดี', 'x'.repeat(32)]) {
      expect(validateCommand({ name, description: 'd' }), name).toEqual([]);
    }
    expect(codes(validateCommand({ name: 'Hello', description: 'd' }))).toEqual([
      'name:APPLICATION_COMMAND_INVALID_NAME',
    ]);
    expect(codes(validateCommand({ name: 'two words', description: 'd' }))).toEqual([
      'name:APPLICATION_COMMAND_INVALID_NAME',
    ]);
    expect(codes(validateCommand({ name: 'x'.repeat(33), description: 'd' }))).toEqual([
      'name:BASE_TYPE_BAD_LENGTH',
    ]);
    expect(codes(validateCommand({ name: '', description: 'd' }))).toEqual(['name:BASE_TYPE_BAD_LENGTH']);
    expect(codes(validateCommand({ description: 'd' }))).toEqual(['name:BASE_TYPE_REQUIRED']);
    // User and message commands may use capitals and spaces, and have no description.
    expect(validateCommand({ type: 2, name: 'Show Profile', description: '' })).toEqual([]);
    expect(codes(validateCommand({ type: 3, name: 'Quote', description: 'no' }))).toEqual([
      'description:APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION',
    ]);
  });

  it('checks descriptions (1-100), option counts (25), choices (25, names 1-100) and required-first', () => {
    expect(codes(validateCommand({ name: 'a', description: 'x'.repeat(101) }))).toEqual([
      'description:BASE_TYPE_BAD_LENGTH',
    ]);
    expect(codes(validateCommand({ name: 'a' }))).toEqual(['description:BASE_TYPE_REQUIRED']);
    const many = Array.from({ length: 26 }, (_, index) => option(`o${index}`));
    expect(codes(validateCommand({ name: 'a', description: 'd', options: many }))).toEqual([
      'options:BASE_TYPE_MAX_LENGTH',
    ]);
    const choices = Array.from({ length: 26 }, (_, index) => ({ name: `c${index}`, value: `v${index}` }));
    expect(
      codes(validateCommand({ name: 'a', description: 'd', options: [option('o', { choices })] })),
    ).toEqual(['options.0.choices:BASE_TYPE_MAX_LENGTH']);
    const longChoice = [{ name: 'n'.repeat(101), value: 'v' }];
    expect(
      codes(
        validateCommand({ name: 'a', description: 'd', options: [option('o', { choices: longChoice })] }),
      ),
    ).toEqual(['options.0.choices.0.name:BASE_TYPE_BAD_LENGTH']);
    expect(
      codes(
        validateCommand({
          name: 'a',
          description: 'd',
          options: [option('first'), option('second', { required: true })],
        }),
      ),
    ).toEqual(['options.1.required:APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID']);
    expect(codes(validateCommand({ name: 'a', description: 'd', options: [option('Bad Name')] }))).toEqual([
      'options.0.name:APPLICATION_COMMAND_INVALID_NAME',
    ]);
  });

  it('checks sub-command nesting and the 4000-character total', () => {
    const sub = (name: string, options: unknown[] = []) => ({ type: 1, name, description: 'd', options });
    expect(
      validateCommand({
        name: 'settings',
        description: 'd',
        options: [
          {
            type: 2,
            name: 'group',
            description: 'd',
            options: [sub('set', [option('value', { required: true })])],
          },
          sub('show'),
        ],
      }),
    ).toEqual([]);
    expect(codes(validateCommand({ name: 'a', description: 'd', options: [sub('x'), option('y')] }))).toEqual(
      ['options:APPLICATION_COMMAND_OPTIONS_TYPE_INVALID'],
    );
    const wordy = Array.from({ length: 25 }, (_, index) =>
      option(`o${index}`, {
        description: 'd'.repeat(100),
        choices: [{ name: 'n'.repeat(100), value: 'v'.repeat(100) }],
      }),
    );
    expect(codes(validateCommand({ name: 'a', description: 'd', options: wordy }))).toEqual([
      ':APPLICATION_COMMAND_TOO_LARGE',
    ]);
  });

  it('checks a bulk overwrite: at most 100 slash commands, 15 user commands, unique names', () => {
    const slash = Array.from({ length: 100 }, (_, index) => ({ name: `c${index}`, description: 'd' }));
    expect(validateCommandList(slash)).toEqual([]);
    expect(codes(validateCommandList([...slash, { name: 'c100', description: 'd' }]))).toEqual([
      ':BASE_TYPE_MAX_LENGTH',
    ]);
    const users = Array.from({ length: 16 }, (_, index) => ({ type: 2, name: `User ${index}` }));
    expect(codes(validateCommandList(users))).toEqual([':BASE_TYPE_MAX_LENGTH']);
    expect(
      codes(
        validateCommandList([
          { name: 'same', description: 'd' },
          { name: 'same', description: 'd' },
          { type: 2, name: 'same' },
        ]),
      ),
    ).toEqual(['1.name:APPLICATION_COMMANDS_DUPLICATE_NAME']);
    expect(codes(validateCommandList({}))).toEqual([':BASE_TYPE_ARRAY']);
  });
});
