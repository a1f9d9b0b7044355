import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CommandDefinition, commandDefinitions } from '@genhub/chat';
import { type DiscordFake, startDiscordFake } from '@genhub/chat-fakes';
import { createGenHub, type GenHub, silentLogger } from '@genhub/core';
import { fakePlugin } from '@genhub/testkit';
import { ApplicationCommandOptionType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDiscordCommandLimits, DISCORD_COMMAND_LIMITS } from '../src/check-discord-command-limits.js';
import { deployCommands } from '../src/deploy-commands.js';
import { type DiscordCommandJson, discordCommands } from '../src/discord-commands.js';
import { discordConfigFromEnv } from '../src/discord-config.js';
import { bundledPlugins, bundledProviderEnv } from './bundled-plugins.js';

let genhub: GenHub;
let pluginIds: string[];
let definitions: CommandDefinition[];
let fake: DiscordFake;

beforeAll(async () => {
  const bundled = await bundledPlugins();
  pluginIds = bundled.map((plugin) => plugin.id);
  genhub = await createGenHub(
    { dataDir: mkdtempSync(join(tmpdir(), 'genhub-discord-commands-')) },
    {
      plugins: [...bundled, fakePlugin],
      env: { ...bundledProviderEnv(bundled), GENHUB_FAKE_API_KEY: 'fake-key-123456' },
      logger: silentLogger,
    },
  );
  definitions = commandDefinitions(genhub.registry);
  fake = await startDiscordFake();
});

afterAll(async () => {
  await genhub?.close();
  await fake?.close();
});

type Option = NonNullable<DiscordCommandJson['options']>[number];
const optionsOf = (option: Option): Option[] =>
  'options' in option && Array.isArray(option.options) ? (option.options as Option[]) : [];
const everyOption = (commands: readonly DiscordCommandJson[]): Option[] => {
  const all: Option[] = [];
  const visit = (options: readonly Option[]) => {
    for (const option of options) {
      all.push(option);
      visit(optionsOf(option));
    }
  };
  for (const command of commands) visit(command.options ?? []);
  return all;
};

describe('discordCommands', () => {
  it("fits every command in Discord's limits with all bundled providers configured", () => {
    const providers = new Set(genhub.registry.list({}).map((model) => model.id.split('/')[0]));
    expect([...providers].sort()).toEqual([...pluginIds, 'fake'].sort());
    expect(pluginIds).toEqual(
      expect.arrayContaining(['gateai', 'ainative', 'imarouter', 'espeak', 'runway']),
    );
    expect(genhub.registry.list({}).length).toBeGreaterThan(100);

    const commands = discordCommands(definitions); // discord.js's builders validate as they build
    expect(checkDiscordCommandLimits(commands)).toEqual([]);
    expect(commands.length).toBeLessThanOrEqual(DISCORD_COMMAND_LIMITS.commands);
    const name = /^[-_\p{Ll}\p{N}]{1,32}$/u;
    for (const command of commands) {
      expect(command.name).toMatch(name);
      expect(command.description.length).toBeGreaterThanOrEqual(1);
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect(command.options?.length ?? 0).toBeLessThanOrEqual(25);
    }
    for (const option of everyOption(commands)) {
      expect(option.name).toMatch(name);
      expect(option.description.length).toBeLessThanOrEqual(100);
      expect(optionsOf(option).length).toBeLessThanOrEqual(25);
      const choices = 'choices' in option && Array.isArray(option.choices) ? option.choices : [];
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const choice of choices) {
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(String(choice.value).length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('offers each command in servers and DMs, and /admin to Manage Server only, with its subcommands', () => {
    const commands = discordCommands(definitions);
    for (const command of commands) {
      expect(command.contexts).toEqual([0, 1]);
      expect(command.integration_types).toEqual([0]);
    }
    const admin = commands.find((command) => command.name === 'admin');
    expect(admin?.default_member_permissions).toBe('32');
    expect(admin?.options?.map((option) => [option.name, option.type])).toEqual([
      ['grant', ApplicationCommandOptionType.Subcommand],
      ['models', ApplicationCommandOptionType.Subcommand],
      ['limits', ApplicationCommandOptionType.Subcommand],
      ['payer', ApplicationCommandOptionType.Subcommand],
      ['blocklist', ApplicationCommandOptionType.Subcommand],
      ['block', ApplicationCommandOptionType.Subcommand],
      ['unblock', ApplicationCommandOptionType.Subcommand],
      ['log', ApplicationCommandOptionType.Subcommand],
      ['reports', ApplicationCommandOptionType.Subcommand],
      ['safety', ApplicationCommandOptionType.Subcommand],
    ]);
    const grant = admin?.options?.[0];
    expect(grant && optionsOf(grant).map((option) => [option.name, option.type, option.required])).toEqual([
      ['user', ApplicationCommandOptionType.User, true],
      ['amount_usd', ApplicationCommandOptionType.Number, true],
    ]);
    const imagine = commands.find((command) => command.name === 'imagine');
    const model = imagine?.options?.find((option) => option.name === 'model');
    expect(model).toMatchObject({ type: ApplicationCommandOptionType.String, autocomplete: true });
    const animate = commands.find((command) => command.name === 'animate');
    expect(animate?.options?.find((option) => option.name === 'image')).toMatchObject({
      type: ApplicationCommandOptionType.Attachment,
      required: true,
    });
  });

  it('turns option types, choices and bounds into Discord options', () => {
    const spec = definitions.find((definition) => definition.name === 'imagine')?.spec;
    if (!spec) throw new Error('no /imagine');
    const [command] = discordCommands([
      {
        name: 'try',
        description: 'A test command.',
        spec,
        options: [
          {
            name: 'steps',
            param: 'steps',
            aliases: [],
            description: 'Steps',
            type: 'integer',
            required: true,
            min: 1.5,
            max: 50,
          },
          {
            name: 'size',
            param: 'size',
            aliases: [],
            description: 'Size',
            type: 'integer',
            required: false,
            choices: [256, 512],
          },
          {
            name: 'scale',
            param: 'scale',
            aliases: [],
            description: 'Scale',
            type: 'number',
            required: false,
            min: 0.5,
            max: 2,
          },
          {
            name: 'style',
            param: 'style',
            aliases: [],
            description: 'Style',
            type: 'string',
            required: false,
            choices: ['a', 'b'],
            maxLength: 99_999,
          },
          {
            name: 'long',
            param: 'long',
            aliases: [],
            description: 'Long values',
            type: 'string',
            required: false,
            choices: ['x'.repeat(101)],
          },
          { name: 'hd', param: 'hd', aliases: [], description: '', type: 'boolean', required: false },
        ],
      },
    ]);
    expect(command?.options).toEqual([
      expect.objectContaining({
        name: 'steps',
        type: ApplicationCommandOptionType.Integer,
        required: true,
        min_value: 2,
        max_value: 50,
      }),
      expect.objectContaining({
        name: 'size',
        choices: [
          { name: '256', value: 256 },
          { name: '512', value: 512 },
        ],
      }),
      expect.objectContaining({
        name: 'scale',
        type: ApplicationCommandOptionType.Number,
        min_value: 0.5,
        max_value: 2,
      }),
      expect.objectContaining({
        name: 'style',
        choices: [
          { name: 'a', value: 'a' },
          { name: 'b', value: 'b' },
        ],
        max_length: 6000,
      }),
      expect.objectContaining({ name: 'long', autocomplete: true }),
      expect.objectContaining({
        name: 'hd',
        type: ApplicationCommandOptionType.Boolean,
        description: 'No description',
      }),
    ]);
    expect(checkDiscordCommandLimits(command ? [command] : [])).toEqual([]);
  });
});

describe('checkDiscordCommandLimits', () => {
  const option = (name: string, required = false) => ({
    type: ApplicationCommandOptionType.String,
    name,
    description: 'd',
    required,
  });

  it('names what Discord would refuse that the builders let through', () => {
    const problems = checkDiscordCommandLimits([
      { name: 'Bad Name', description: '' },
      {
        name: 'many',
        description: 'x'.repeat(101),
        options: [
          option('late'),
          option('first', true),
          ...Array.from({ length: 24 }, (_, i) => option(`o${i}`)),
        ],
      },
      {
        name: 'choices',
        description: 'd',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'c',
            description: 'd',
            autocomplete: true,
            choices: [
              ...Array.from({ length: 25 }, (_, i) => ({ name: `n${i}`, value: `v${i}` })),
              { name: 'x'.repeat(101), value: 'y'.repeat(101) },
            ],
          },
        ],
      },
      {
        name: 'huge',
        description: 'd',
        options: Array.from({ length: 25 }, (_, i) => ({
          ...option(`o${i}`),
          description: 'z'.repeat(100),
        })).map((item, i) => ({
          ...item,
          choices: Array.from({ length: 2 }, (_, k) => ({
            name: `${i}-${k}`.padEnd(60, '.'),
            value: `${i}-${k}`,
          })),
        })),
      },
      { name: 'many', description: 'again' },
    ] as DiscordCommandJson[]);
    expect(problems).toEqual([
      '/Bad Name: the name "Bad Name" must be 1 to 32 lower-case letters, digits, - or _.',
      '/Bad Name: the description must be 1 to 100 characters (it has 0).',
      '/many: the description must be 1 to 100 characters (it has 101).',
      '/many has 26 options; Discord allows 25.',
      '/many first is required but comes after an optional option; Discord wants required ones first.',
      '/choices c has 26 choices; Discord allows 25.',
      '/choices c has both choices and autocomplete.',
      `/choices c: the choice "${'x'.repeat(101)}" needs a name of 1 to 100 characters.`,
      `/choices c: the choice value "${'y'.repeat(101)}" must be 1 to 100 characters.`,
      expect.stringMatching(
        /^\/huge has 5\d{3} characters of names, descriptions and choices; Discord allows 4000\.$/,
      ),
      '/many is defined twice.',
    ]);
  });

  it('counts slash commands per scope', () => {
    const commands = Array.from({ length: 101 }, (_, i) => ({ name: `c${i}`, description: 'd' }));
    expect(checkDiscordCommandLimits(commands)).toEqual(['There are 101 commands; Discord allows 100.']);
  });
});

describe('deployCommands', () => {
  it('registers every command globally through DISCORD_API_URL, and the fake Discord accepts them', async () => {
    const config = discordConfigFromEnv({
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: `${fake.apiUrl}/`,
    });
    const deployed = await deployCommands(config, definitions);
    expect(deployed).toEqual({ scope: 'global', names: definitions.map((definition) => definition.name) });
    expect(fake.commands().map((command) => command.name)).toEqual(deployed.names);
    expect(fake.callsTo('PUT /api/v10/applications/:appId/commands')).toHaveLength(1);
    // A second deployment overwrites: same commands, same ids.
    const ids = fake.commands().map((command) => command.id);
    await deployCommands(config, definitions);
    expect(fake.commands().map((command) => command.id)).toEqual(ids);
  });

  it('registers in one server with DISCORD_GUILD_ID', async () => {
    const config = discordConfigFromEnv({
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_GUILD_ID: fake.guild.id,
    });
    const deployed = await deployCommands(config, definitions.slice(0, 3));
    expect(deployed).toEqual({
      scope: 'guild',
      guildId: fake.guild.id,
      names: ['imagine', 'vector', 'edit'],
    });
    expect(fake.commands(fake.guild.id).map((command) => command.name)).toEqual(deployed.names);
  });

  it('says which setting Discord refused', async () => {
    const base = { DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl };
    await expect(
      deployCommands(discordConfigFromEnv({ ...base, DISCORD_TOKEN: 'not.the.token' }), definitions),
    ).rejects.toThrow('Discord refused DISCORD_TOKEN (401 Unauthorized); copy the bot token again.');
    await expect(
      deployCommands(
        discordConfigFromEnv({ ...base, DISCORD_TOKEN: fake.token, DISCORD_GUILD_ID: '12345678901234567' }),
        definitions,
      ),
    ).rejects.toThrow(/is the bot in server DISCORD_GUILD_ID/);
  });
});
