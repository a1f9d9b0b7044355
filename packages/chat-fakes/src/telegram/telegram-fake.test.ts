import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { solidPng } from '@genhub/testkit/fake-media';
import { Bot, GrammyError, InlineKeyboard, InputFile, InputMediaBuilder, webhookCallback } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { startTelegramFake, type TelegramFake, type TelegramFakeOptions } from './index.js';

/** The fake against the real grammY Bot: long polling, uploads, buttons, downloads and a webhook. */

let fake: TelegramFake | undefined;
let bot: Bot | undefined;
let running: Promise<void> | undefined;
let webhookServer: Server | undefined;

afterEach(async () => {
  try {
    if (bot?.isRunning()) await bot.stop();
    // A bot stopped while starting rejects its start(); the test has already failed then.
    await running?.catch(() => {});
    await new Promise<void>((resolve) => (webhookServer ? webhookServer.close(() => resolve()) : resolve()));
  } finally {
    await fake?.close();
    fake = bot = running = webhookServer = undefined;
  }
});

async function setUp(options: TelegramFakeOptions = {}): Promise<{ fake: TelegramFake; bot: Bot }> {
  fake = await startTelegramFake(options);
  bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
  return { fake, bot };
}

/** Starts long polling; errors in handlers fail the test through `errors`. */
function startPolling(target: Bot, errors: unknown[]): void {
  target.catch((error) => {
    errors.push(error.error);
  });
  running = target.start({ timeout: 10 });
}

const red = solidPng(64, 48, [255, 0, 0]);
const green = solidPng(32, 32, [0, 255, 0]);
const blue = solidPng(32, 32, [0, 0, 255]);
const large = solidPng(400, 300, [10, 20, 30]);

describe('Telegram fake with grammY long polling', () => {
  it('runs /imagine@bot: status message, its edit, a photo with a keyboard, a media group, a button press', async () => {
    const { fake, bot } = await setUp();
    const alice = fake.createUser({ first_name: 'Alice', username: 'alice' });
    const chat = fake.privateChat(alice);
    const errors: unknown[] = [];
    let match: string | undefined;
    bot.command('imagine', async (ctx) => {
      match = ctx.match;
      await ctx.replyWithChatAction('upload_photo');
      const status = await ctx.reply('Queued: a fox');
      await ctx.api.editMessageText(ctx.chat.id, status.message_id, '<b>Generating</b> a fox', {
        parse_mode: 'HTML',
      });
      await ctx.replyWithPhoto(new InputFile(red, 'fox.png'), {
        caption: 'a fox',
        reply_markup: new InlineKeyboard().text('Again', 'again:1').text('Upscale', 'upscale:1'),
      });
      await ctx.replyWithMediaGroup([
        InputMediaBuilder.photo(new InputFile(green)),
        InputMediaBuilder.photo(new InputFile(blue), { caption: 'variations' }),
      ]);
    });
    let pressed: string | undefined;
    bot.callbackQuery(/^again:/, async (ctx) => {
      pressed = ctx.callbackQuery.data;
      await ctx.answerCallbackQuery({ text: 'Again!' });
    });
    startPolling(bot, errors);

    const { message: command } = fake.sendText({ from: alice, text: '/imagine@genhub_test_bot a fox' });
    expect(command.entities).toEqual([{ type: 'bot_command', offset: 0, length: 24 }]);

    const sent = await fake.waitFor((f) => {
      const messages = f.botMessages(chat);
      return messages.length === 4 ? messages : undefined;
    });
    expect(errors).toEqual([]);
    expect(match).toBe('a fox');

    const [status, photo, first, second] = sent;
    expect(status!.versions.map((version) => version.text)).toEqual(['Queued: a fox', 'Generating a fox']);
    expect(status!.message.entities).toEqual([{ type: 'bold', offset: 0, length: 10 }]);
    expect(status!.message.edit_date).toBeTypeOf('number');

    expect(photo!.message.caption).toBe('a fox');
    expect(photo!.message.photo?.at(-1)).toMatchObject({ width: 64, height: 48 });
    expect(photo!.files[0]!.bytes).toEqual(red);
    expect(photo!.files[0]!.filename).toBe('fox.png');
    expect(photo!.message.reply_markup?.inline_keyboard[0]?.map((button) => button.callback_data)).toEqual([
      'again:1',
      'upscale:1',
    ]);

    expect(first!.message.media_group_id).toBeDefined();
    expect(second!.message.media_group_id).toBe(first!.message.media_group_id);
    expect(first!.files[0]!.bytes).toEqual(green);
    expect(second!.files[0]!.bytes).toEqual(blue);
    expect(second!.message.caption).toBe('variations');

    const multipart = fake.calls('sendMediaGroup')[0]!;
    expect(multipart.transport).toBe('multipart');
    expect(Object.keys(multipart.files)).toHaveLength(2);
    expect(fake.chatActions(chat).map((action) => action.action)).toEqual(['upload_photo']);

    const { callbackQuery } = fake.pressButton({ message: photo!, data: 'again:1', from: alice });
    expect(callbackQuery.chat_instance).toMatch(/^\d+$/);
    const answer = await fake.waitFor((f) => f.callbackAnswer(callbackQuery.id));
    expect(answer).toEqual({ text: 'Again!' });
    expect(pressed).toBe('again:1');
    expect(() => fake.pressButton({ message: photo!, data: 'missing', from: alice })).toThrow(/no button/);

    await bot.stop();
    await running;
    // bot.stop() confirmed everything it handled.
    expect(fake.pendingUpdates()).toEqual([]);
  });

  it('lets the bot download a photo a user sent, through getFile and the file URL', async () => {
    const { fake, bot } = await setUp();
    const bob = fake.createUser({ first_name: 'Bob' });
    const errors: unknown[] = [];
    let downloaded: Uint8Array | undefined;
    bot.on('message:photo', async (ctx) => {
      const file = await ctx.getFile();
      const response = await fetch(fake.fileUrl(file.file_path!));
      downloaded = new Uint8Array(await response.arrayBuffer());
      await ctx.reply(`got ${file.file_size} bytes`, {
        reply_parameters: { message_id: ctx.msg.message_id },
      });
    });
    startPolling(bot, errors);

    const { message } = fake.sendPhoto({ from: bob, bytes: large, caption: 'use this' });
    expect(message.photo!.map((size) => [size.width, size.height])).toEqual([
      [90, 68],
      [320, 240],
      [400, 300],
    ]);
    const reply = await fake.waitFor((f) => f.botMessages(bob.id)[0]);
    expect(errors).toEqual([]);
    expect(downloaded).toEqual(large);
    expect(reply.message.text).toBe(`got ${large.byteLength} bytes`);
    expect(reply.message.reply_to_message?.message_id).toBe(message.message_id);
    expect(fake.downloads()).toEqual([
      { filePath: expect.stringMatching(/^photos\/file_\d+\.jpg$/), status: 200 },
    ]);
  });

  it('refuses callback_data over 64 bytes with BUTTON_DATA_INVALID', async () => {
    const { fake, bot } = await setUp();
    const user = fake.createUser();
    const ok = await bot.api.sendMessage(user.id, 'fits', {
      reply_markup: new InlineKeyboard().text('b', 'x'.repeat(64)),
    });
    expect(ok.reply_markup?.inline_keyboard[0]?.[0]).toEqual({ text: 'b', callback_data: 'x'.repeat(64) });
    const error = await bot.api
      .sendMessage(user.id, 'too much', { reply_markup: new InlineKeyboard().text('b', 'é'.repeat(33)) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({ error_code: 400, description: 'Bad Request: BUTTON_DATA_INVALID' });
  });

  it('answers an upload over the limit with 413 Request Entity Too Large', async () => {
    const { fake, bot } = await setUp({ uploadLimitBytes: 2048 });
    const user = fake.createUser();
    const error = await bot.api
      .sendDocument(user.id, new InputFile(new Uint8Array(8192), 'big.bin'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({ error_code: 413, description: 'Request Entity Too Large' });
    // A small one still goes through.
    const sent = await bot.api.sendDocument(user.id, new InputFile(new Uint8Array(100), 'small.bin'));
    expect(sent.document).toMatchObject({ file_name: 'small.bin', file_size: 100 });
  });

  it('answers a scripted 429 with retry_after, then works again', async () => {
    const { fake, bot } = await setUp();
    const user = fake.createUser();
    fake.floodNext('sendMessage', { retryAfter: 1 });
    const error = await bot.api.sendMessage(user.id, 'first').catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    await expect(bot.api.sendMessage(user.id, 'second')).resolves.toMatchObject({ text: 'second' });
  });
});

describe('Telegram fake with grammY webhooks', () => {
  it('delivers updates with the secret header and shows the status grammY answers without it', async () => {
    const { fake, bot } = await setUp();
    const carol = fake.createUser({ first_name: 'Carol' });
    bot.command('start', (ctx) => ctx.reply('hello from the webhook'));
    const handle = webhookCallback(bot, 'http', { secretToken: 'sekret_TOKEN-1' });
    webhookServer = createServer((req, res) => {
      handle(req, res).catch(() => {
        res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => webhookServer!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(webhookServer.address() as AddressInfo).port}/telegram`;

    await bot.api.setWebhook(url, { secret_token: 'sekret_TOKEN-1', drop_pending_updates: true });
    expect(fake.webhook()).toMatchObject({ url, secretToken: 'sekret_TOKEN-1' });
    expect(await bot.api.getWebhookInfo()).toMatchObject({ url, pending_update_count: 0 });

    fake.sendText({ from: carol, text: '/start' });
    const reply = await fake.waitFor((f) => f.botMessages(carol.id)[0]);
    expect(reply.message.text).toBe('hello from the webhook');
    await fake.waitFor((f) => f.pendingUpdates().length === 0);

    const update = { message: { ...reply.message, from: carol, text: '/start' } };
    expect((await fake.postToWebhook(update, { secret: null })).status).toBe(401);
    const wrong = await fake.postToWebhook(update, { secret: 'not-it' });
    expect(wrong).toMatchObject({ status: 401, body: 'secret token is wrong' });
    expect(fake.botMessages(carol.id)).toHaveLength(1);

    const conflict = await bot.api.getUpdates().catch((caught: unknown) => caught);
    expect(conflict).toMatchObject({
      error_code: 409,
      description:
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    });
    await bot.api.deleteWebhook();
    expect(fake.webhook()).toBeUndefined();
  });
});
