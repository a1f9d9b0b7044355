import { once } from 'node:events';
import { solidPng } from '@genhub/testkit/fake-media';
import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  AttachmentBuilder,
  ButtonBuilder,
  type ButtonInteraction,
  ButtonStyle,
  type ChatInputCommandInteraction,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  Routes,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordFake, startDiscordFake } from './discord-fake.js';

/** A logged-in discord.js client, ready (guilds cached) when this resolves. */
async function connect(fake: DiscordFake): Promise<Client> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
  const ready = once(client, Events.ClientReady);
  await client.login(fake.token);
  await ready;
  return client;
}

/** The next interaction the client receives. */
function nextInteraction(client: Client): Promise<Interaction> {
  return new Promise((resolve) => client.once(Events.InteractionCreate, resolve));
}

async function rejection(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DiscordAPIError))
    throw new Error(`expected a DiscordAPIError, got ${String(error)}`);
  return error;
}

describe('Discord fake with a real discord.js Client', () => {
  let fake: DiscordFake;
  let client: Client;

  beforeAll(async () => {
    fake = await startDiscordFake();
    client = await connect(fake);
  });

  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  it('logs in over /gateway/bot, IDENTIFY and READY, and caches the guild from GUILD_CREATE', () => {
    expect(client.user?.id).toBe(fake.botUser.id);
    expect(client.user?.username).toBe('GenHub');
    expect(client.application?.id).toBe(fake.applicationId);
    const guild = client.guilds.cache.get(fake.guild.id);
    expect(guild?.name).toBe('GenHub Test');
    expect(guild?.channels.cache.get(fake.channel.id)?.name).toBe('general');
    expect(guild?.members.me?.id).toBe(fake.botUser.id);
    expect(fake.callsTo('GET /gateway/bot')).toHaveLength(1);
    const [session] = fake.gateway.sessions;
    expect(session).toMatchObject({
      intents: GatewayIntentBits.Guilds,
      compression: 'none',
      connected: true,
    });
    expect(
      fake.gateway.log.filter((entry) => entry.direction === 'sent').map((entry) => entry.t ?? entry.op),
    ).toEqual(expect.arrayContaining([10, 'READY', 'GUILD_CREATE']));
  });

  it('delivers a slash command with options and an attachment, then records deferral, edits and a followup', async () => {
    const admin = fake.addUser({ username: 'alice', permissions: ['Administrator'] });
    const png = solidPng(64, 48, [200, 30, 30]);
    const next = nextInteraction(client);
    const sent = await fake.runCommand({
      name: 'imagine',
      user: admin,
      options: { prompt: 'a red fox', count: 2 },
      attachments: { image: { filename: 'ref.png', bytes: png } },
    });
    const interaction = (await next) as ChatInputCommandInteraction;
    expect(interaction.isChatInputCommand()).toBe(true);
    expect(interaction.id).toBe(sent.id);
    expect(interaction.commandName).toBe('imagine');
    expect(interaction.options.getString('prompt')).toBe('a red fox');
    expect(interaction.options.getInteger('count')).toBe(2);
    expect(interaction.guildId).toBe(fake.guild.id);
    expect(interaction.channelId).toBe(fake.channel.id);
    expect(interaction.user.username).toBe('alice');
    expect(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(true);
    expect(interaction.attachmentSizeLimit).toBe(10 * 1024 * 1024);
    const attachment = interaction.options.getAttachment('image', true);
    expect(attachment).toMatchObject({
      name: 'ref.png',
      size: png.byteLength,
      contentType: 'image/png',
      width: 64,
      height: 48,
    });
    const downloaded = await fetch(attachment.url);
    expect(new Uint8Array(await downloaded.arrayBuffer())).toEqual(png);

    await interaction.deferReply();
    await interaction.editReply('Working... 50%');
    const result = solidPng(8, 8, [0, 128, 0]);
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('again').setLabel('Again').setStyle(ButtonStyle.Primary),
      new ButtonBuilder().setURL('https://example.com/full').setLabel('Open').setStyle(ButtonStyle.Link),
    );
    const final = await interaction.editReply({
      content: 'Done',
      files: [new AttachmentBuilder(Buffer.from(result), { name: 'fox.png' })],
      components: [row],
    });
    expect(final.attachments.first()?.name).toBe('fox.png');
    const followup = await interaction.followUp({
      content: 'Only you can see this',
      flags: MessageFlags.Ephemeral,
    });
    expect(followup.flags.has(MessageFlags.Ephemeral)).toBe(true);

    const original = sent.original();
    expect(sent.responseType).toBe(5);
    expect(original?.versions.map((version) => [version.via, version.content, version.flags])).toEqual([
      ['callback 5', '', 128],
      ['PATCH @original', 'Working... 50%', 0],
      ['PATCH @original', 'Done', 0],
    ]);
    expect(original?.attachments[0]).toMatchObject({
      filename: 'fox.png',
      contentType: 'image/png',
      width: 8,
      height: 8,
    });
    expect(original?.attachments[0]?.bytes).toEqual(result);
    expect(original?.buttons().map((button) => [button.customId, button.label, button.url])).toEqual([
      ['again', 'Again', undefined],
      [undefined, 'Open', 'https://example.com/full'],
    ]);
    expect(sent.followups().map((message) => [message.content, message.ephemeral])).toEqual([
      ['Only you can see this', true],
    ]);
  });

  it('turns a button press into a ButtonInteraction that can update its message', async () => {
    const next = nextInteraction(client);
    await fake.runCommand({ name: 'menu' });
    const command = (await next) as ChatInputCommandInteraction;
    await command.reply({
      content: 'Pick one',
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('pick:1').setLabel('One').setStyle(ButtonStyle.Secondary),
        ),
      ],
    });
    const message = await fake.waitFor(() => fake.messages().find((m) => m.content === 'Pick one'));

    const nextPress = nextInteraction(client);
    const press = await fake.pressButton({ message, customId: 'pick:1' });
    const button = (await nextPress) as ButtonInteraction;
    expect(button.isButton()).toBe(true);
    expect(button.customId).toBe('pick:1');
    expect(button.message.id).toBe(message.id);
    await button.update({ content: 'Picked one', components: [] });
    expect(press.responseType).toBe(7);
    expect(message.content).toBe('Picked one');
    expect(message.components).toEqual([]);
    expect(message.versions.map((version) => version.content)).toEqual(['Pick one', 'Picked one']);
    await expect(fake.pressButton({ message, customId: 'pick:1' })).rejects.toThrow(/no button/);
  });

  it('answers autocomplete with the choices the bot responds', async () => {
    const next = nextInteraction(client);
    const sent = await fake.autocomplete({
      name: 'imagine',
      options: { prompt: 'cat' },
      focused: 'model',
      value: 'fl',
    });
    const interaction = await next;
    if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
    expect(interaction.options.getFocused(true)).toMatchObject({ name: 'model', value: 'fl' });
    expect(interaction.options.getString('prompt')).toBe('cat');
    await interaction.respond([{ name: 'Flux', value: 'flux' }]);
    expect(sent.choices).toEqual([{ name: 'Flux', value: 'flux' }]);
  });

  it('delivers DM interactions with a user, no member and a DM channel', async () => {
    const bob = fake.addUser({ username: 'bob' });
    const next = nextInteraction(client);
    const sent = await fake.runCommand({ name: 'imagine', options: { prompt: 'hi' }, user: bob, dm: true });
    const interaction = (await next) as ChatInputCommandInteraction;
    expect(interaction.inGuild()).toBe(false);
    expect(interaction.guildId).toBeNull();
    expect(interaction.member).toBeNull();
    expect(interaction.user.id).toBe(bob.id);
    expect(interaction.channelId).toBe(fake.dmChannel(bob).id);
    expect(interaction.context).toBe(1);
    await interaction.reply('Hello in DMs');
    expect(sent.original()?.channelId).toBe(fake.dmChannel(bob).id);
    expect(sent.original()?.guildId).toBeUndefined();
  });

  it('answers 413 for a file over the interaction attachment_size_limit, so the bot can send a link', async () => {
    const next = nextInteraction(client);
    const sent = await fake.runCommand({
      name: 'imagine',
      options: { prompt: 'big' },
      attachmentSizeLimit: 1000,
    });
    const interaction = (await next) as ChatInputCommandInteraction;
    expect(interaction.attachmentSizeLimit).toBe(1000);
    await interaction.deferReply();
    const error = await rejection(
      interaction.editReply({ files: [new AttachmentBuilder(Buffer.alloc(2000, 1), { name: 'big.bin' })] }),
    );
    expect(error.status).toBe(413);
    expect(error.code).toBe(40005);
    await interaction.editReply('Too big to attach: https://example.com/big.bin');
    expect(sent.original()?.content).toBe('Too big to attach: https://example.com/big.bin');
    expect(sent.original()?.attachments).toEqual([]);
  });

  it('accepts one callback per interaction and then answers 40060', async () => {
    const next = nextInteraction(client);
    const sent = await fake.runCommand({ name: 'ping' });
    const interaction = await next;
    if (!interaction.isChatInputCommand()) throw new Error('expected a command');
    await interaction.reply('pong');
    const error = await rejection(
      client.rest.post(Routes.interactionCallback(sent.id, sent.token), {
        body: { type: 4, data: { content: 'again' } },
        auth: false,
      }),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe(40060);
    expect(error.message).toBe('Interaction has already been acknowledged.');
  });

  it('replies withResponse, fetches and deletes the reply', async () => {
    const next = nextInteraction(client);
    const sent = await fake.runCommand({ name: 'ping' });
    const interaction = (await next) as ChatInputCommandInteraction;
    const response = await interaction.reply({ content: 'pong', withResponse: true });
    expect(sent.callbacks[0]).toMatchObject({ type: 4, data: { content: 'pong' } });
    expect(response.resource?.message?.content).toBe('pong');
    expect(response.interaction.responseMessageId).toBe(sent.original()?.id);
    expect((await interaction.fetchReply()).content).toBe('pong');
    await interaction.deleteReply();
    expect(sent.original()?.deleted).toBe(true);
    expect(fake.messages().some((message) => message.id === sent.original()?.id)).toBe(false);
  });

  it('shows a modal and delivers its submission as a ModalSubmitInteraction', async () => {
    const next = nextInteraction(client);
    const sent = await fake.runCommand({ name: 'prompt' });
    const interaction = (await next) as ChatInputCommandInteraction;
    await interaction.showModal(
      new ModalBuilder()
        .setCustomId('prompt-modal')
        .setTitle('Your prompt')
        .addComponents(
          new ActionRowBuilder<TextInputBuilder>().addComponents(
            new TextInputBuilder().setCustomId('text').setLabel('Prompt').setStyle(TextInputStyle.Paragraph),
          ),
        ),
    );
    expect(sent.modal).toMatchObject({ custom_id: 'prompt-modal', title: 'Your prompt' });

    const nextSubmit = nextInteraction(client);
    const submitted = await fake.submitModal({ interaction: sent, values: { text: 'a lighthouse' } });
    const modal = await nextSubmit;
    if (!modal.isModalSubmit()) throw new Error('expected a modal submission');
    expect(modal.customId).toBe('prompt-modal');
    expect(modal.fields.getTextInputValue('text')).toBe('a lighthouse');
    await modal.reply({ content: 'Queued', flags: MessageFlags.Ephemeral });
    expect(submitted.original()).toMatchObject({ content: 'Queued', ephemeral: true });
  });

  it('registers commands through client.application.commands.set and rejects broken ones with 50035', async () => {
    const application = client.application;
    if (!application) throw new Error('no application');
    const commands = await application.commands.set([
      {
        name: 'imagine',
        description: 'Generate an image',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'prompt',
            description: 'What to draw',
            required: true,
          },
          {
            type: ApplicationCommandOptionType.Integer,
            name: 'count',
            description: 'How many',
            minValue: 1,
            maxValue: 4,
          },
          { type: ApplicationCommandOptionType.Attachment, name: 'image', description: 'A reference' },
        ],
      },
      { name: 'admin', description: 'Settings', defaultMemberPermissions: PermissionFlagsBits.ManageGuild },
    ]);
    expect([...commands.values()].map((command) => command.name)).toEqual(['imagine', 'admin']);
    expect(fake.commands().map((command) => command.name)).toEqual(['imagine', 'admin']);
    expect((await application.commands.fetch()).size).toBe(2);
    expect((await application.fetch()).name).toBe('GenHub');
    const guild = client.guilds.cache.get(fake.guild.id);
    await guild?.commands.set([{ name: 'local', description: 'Only here' }]);
    expect(fake.commands(fake.guild.id).map((command) => [command.name, command.guild_id])).toEqual([
      ['local', fake.guild.id],
    ]);

    const next = nextInteraction(client);
    await fake.runCommand({ name: 'imagine', options: { prompt: 'a boat', count: 3 } });
    const interaction = (await next) as ChatInputCommandInteraction;
    expect(interaction.commandId).toBe(commands.find((command) => command.name === 'imagine')?.id);
    await interaction.reply('ok');
    await expect(fake.runCommand({ name: 'imagine', options: { count: 3 } })).rejects.toThrow(
      /required option "prompt"/,
    );
    await expect(fake.runCommand({ name: 'admin' })).rejects.toThrow(/default_member_permissions/);

    const broken = await rejection(
      application.commands.set([
        {
          name: 'Bad Name',
          description: 'x',
          options: [
            { type: ApplicationCommandOptionType.String, name: 'a', description: 'a' },
            { type: ApplicationCommandOptionType.String, name: 'b', description: 'b', required: true },
          ],
        },
      ]),
    );
    expect(broken.status).toBe(400);
    expect(broken.code).toBe(50035);
    expect(broken.rawError).toMatchObject({
      message: 'Invalid Form Body',
      errors: {
        '0': {
          name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] },
          options: {
            '1': { required: { _errors: [{ code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID' }] } },
          },
        },
      },
    });
    expect(fake.commands().map((command) => command.name)).toEqual(['imagine', 'admin']);
  });

  it('retries a scripted 429 and posts to a channel', async () => {
    fake.rateLimit('POST /channels/:channelId/messages', { retryAfter: 0.05 });
    const channel = await client.channels.fetch(fake.channel.id);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    const message = await channel.send('Hello channel');
    expect(message.content).toBe('Hello channel');
    expect(fake.callsTo('POST /channels/:channelId/messages')).toHaveLength(2);
    expect(fake.message(message.id)?.authorId).toBe(fake.botUser.id);
  });
});

describe('Discord fake: logging in', () => {
  it('fails login with a bad token: 401 on /gateway/bot, TokenInvalid from discord.js', async () => {
    const fake = await startDiscordFake();
    const client = new Client({ intents: [], rest: { api: fake.apiUrl } });
    try {
      await expect(client.login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
      const [call] = fake.callsTo('GET /gateway/bot');
      expect(call?.headers.authorization).toBe('Bot not-the-token');
      expect(fake.gateway.sessions).toHaveLength(0);
    } finally {
      await client.destroy();
      await fake.close();
    }
  });

  it('answers heartbeats with ACKs', async () => {
    const fake = await startDiscordFake({ heartbeatIntervalMs: 40 });
    const client = await connect(fake);
    try {
      const ack = await fake.waitFor(() =>
        fake.gateway.log.find((entry) => entry.direction === 'sent' && entry.op === 11),
      );
      expect(ack.op).toBe(11);
      await fake.waitFor(() => client.ws.ping >= 0);
      expect(fake.gateway.sessions[0]?.heartbeats).toBeGreaterThan(0);
    } finally {
      await client.destroy();
      await fake.close();
    }
  });
});
