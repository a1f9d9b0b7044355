import { solidPng } from '@genhub/testkit/fake-media';
import { afterEach, describe, expect, it } from 'vitest';
import { startTelegramFake, type TelegramFake, type TelegramFakeOptions, type TgResponse } from './index.js';

/** The fake's Bot API semantics, spoken to over plain HTTP. */

let fake: TelegramFake | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: TelegramFakeOptions = {}): Promise<TelegramFake> {
  fake = await startTelegramFake(options);
  return fake;
}

async function api(
  method: string,
  params: Record<string, unknown> = {},
  token = fake!.token,
): Promise<{ status: number; body: TgResponse }> {
  const response = await fetch(`${fake!.apiRoot}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  return { status: response.status, body: (await response.json()) as TgResponse };
}

async function upload(
  method: string,
  fields: Record<string, string>,
  files: Record<string, Uint8Array>,
): Promise<{ status: number; body: TgResponse }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const [name, bytes] of Object.entries(files)) form.append(name, new Blob([bytes]), `${name}.png`);
  const response = await fetch(`${fake!.apiRoot}/bot${fake!.token}/${method}`, {
    method: 'POST',
    body: form,
  });
  return { status: response.status, body: (await response.json()) as TgResponse };
}

const badRequest = (description: string) => ({
  status: 400,
  body: { ok: false, error_code: 400, description },
});

function result<T>(answer: { body: TgResponse }): T {
  if (!answer.body.ok) throw new Error(`expected ok, got ${answer.body.description}`);
  return answer.body.result as T;
}

/** A PNG header claiming the given size: enough for the fake's dimension checks. */
function pngHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

describe('Telegram fake: requests', () => {
  it('answers another token with 401 and an unknown method with 404', async () => {
    await start();
    expect(await api('getMe', {}, '123:wrong')).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
    expect(await api('noSuchMethod')).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: 'Not Found' },
    });
    expect(result<{ is_bot: boolean; username: string }>(await api('getme'))).toMatchObject({
      is_bot: true,
      username: 'genhub_test_bot',
      can_join_groups: true,
    });
    const test = await fetch(`${fake!.apiRoot}/bot${fake!.token}/test/getMe`);
    expect(test.status).toBe(200);
    expect(fake!.calls('getMe').map((call) => call.environment)).toEqual(['prod', 'test']);
  });

  it('takes query-string and urlencoded parameters too', async () => {
    const fake = await start();
    const user = fake.createUser();
    const query = await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage?chat_id=${user.id}&text=hi`);
    expect(query.status).toBe(200);
    const form = await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, {
      method: 'POST',
      body: new URLSearchParams({ chat_id: String(user.id), text: 'there' }),
    });
    expect(form.status).toBe(200);
    expect(fake.calls('sendMessage').map((call) => call.transport)).toEqual(['query', 'urlencoded']);
    expect(fake.botMessages(user.id).map((stored) => stored.message.text)).toEqual(['hi', 'there']);
  });
});

describe('Telegram fake: getUpdates', () => {
  it('holds a long poll until an update arrives, and offset confirms earlier updates', async () => {
    const fake = await start();
    const user = fake.createUser();
    const started = Date.now();
    const polling = api('getUpdates', { timeout: 20 });
    await fake.waitFor((f) => f.isPolling());
    fake.sendText({ from: user, text: 'hello' });
    const first = result<Array<{ update_id: number; message: { text: string } }>>(await polling);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(first).toHaveLength(1);
    expect(first[0]!.message.text).toBe('hello');

    // Not confirmed yet: the same update comes again.
    expect(result<unknown[]>(await api('getUpdates'))).toHaveLength(1);
    fake.sendText({ from: user, text: 'second' });
    fake.sendText({ from: user, text: 'third' });
    const limited = result<Array<{ update_id: number }>>(
      await api('getUpdates', { offset: first[0]!.update_id + 1, limit: 1 }),
    );
    expect(limited).toHaveLength(1);
    expect(fake.pendingUpdates()).toHaveLength(2);
    expect(result<unknown[]>(await api('getUpdates', { offset: -1 }))).toHaveLength(1);
    expect(fake.pendingUpdates()).toHaveLength(1);
  });

  it('ends an empty long poll at its timeout', async () => {
    await start();
    const started = Date.now();
    expect(result<unknown[]>(await api('getUpdates', { timeout: 1 }))).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('answers a held poll with 409 when another getUpdates comes', async () => {
    await start();
    const first = api('getUpdates', { timeout: 20 });
    await fake!.waitFor((f) => f.isPolling());
    const second = api('getUpdates');
    expect(await first).toEqual({
      status: 409,
      body: {
        ok: false,
        error_code: 409,
        description:
          'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      },
    });
    expect((await second).status).toBe(200);
  });

  it('keeps only the allowed update kinds', async () => {
    const fake = await start();
    const user = fake.createUser();
    await api('getUpdates', { allowed_updates: ['callback_query'] });
    fake.sendText({ from: user, text: 'ignored' });
    expect(fake.pendingUpdates()).toEqual([]);
    await api('getUpdates', { allowed_updates: [] });
    fake.sendText({ from: user, text: 'kept' });
    fake.pushUpdate({ message_reaction: { chat: fake.privateChat(user) } });
    expect(fake.pendingUpdates().map((update) => Object.keys(update)[0])).toEqual(['message']);
  });

  it('answers a held poll with nothing when the fake closes', async () => {
    const fake = await start();
    const polling = api('getUpdates', { timeout: 30 });
    await fake.waitFor((f) => f.isPolling());
    const started = Date.now();
    await fake.close();
    expect(result<unknown[]>(await polling)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses getUpdates while a webhook is set, and checks the secret', async () => {
    const fake = await start();
    expect(await api('setWebhook', { url: 'http://127.0.0.1:9/hook', secret_token: 'bad secret!' })).toEqual(
      badRequest('Bad Request: secret token contains unallowed characters'),
    );
    const set = await api('setWebhook', { url: 'http://127.0.0.1:9/hook', secret_token: 's3cret' });
    expect(set.body).toEqual({ ok: true, result: true, description: 'Webhook was set' });
    expect((await api('getUpdates')).status).toBe(409);
    const user = fake.createUser();
    fake.sendText({ from: user, text: 'undeliverable' });
    const info = await fake.waitFor(() => {
      const webhook = fake.webhook();
      return webhook?.lastErrorMessage ? webhook : undefined;
    });
    expect(info).toMatchObject({ pendingUpdateCount: 1, lastErrorMessage: 'Connection refused' });
    expect((await api('deleteWebhook')).body).toEqual({
      ok: true,
      result: true,
      description: 'Webhook was deleted',
    });
    expect(result<unknown[]>(await api('getUpdates'))).toHaveLength(1);
  });
});

describe('Telegram fake: messages', () => {
  it('checks text length, emptiness and the chat', async () => {
    const fake = await start();
    const user = fake.createUser();
    expect(await api('sendMessage', { chat_id: user.id, text: '  ' })).toEqual(
      badRequest('Bad Request: message text is empty'),
    );
    expect(await api('sendMessage', { chat_id: user.id, text: 'x'.repeat(4097) })).toEqual(
      badRequest('Bad Request: message is too long'),
    );
    expect((await api('sendMessage', { chat_id: user.id, text: 'x'.repeat(4096) })).status).toBe(200);
    expect(await api('sendMessage', { chat_id: 42, text: 'hi' })).toEqual(
      badRequest('Bad Request: chat not found'),
    );
  });

  it('edits with history, refuses no-op edits, unknown messages and deleted ones', async () => {
    const fake = await start();
    const user = fake.createUser();
    const sent = result<{ message_id: number }>(await api('sendMessage', { chat_id: user.id, text: 'one' }));
    const markup = { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] };
    await api('editMessageText', {
      chat_id: user.id,
      message_id: sent.message_id,
      text: 'two',
      reply_markup: markup,
    });
    expect(
      await api('editMessageText', {
        chat_id: user.id,
        message_id: sent.message_id,
        text: 'two',
        reply_markup: markup,
      }),
    ).toEqual(
      badRequest(
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      ),
    );
    await api('editMessageReplyMarkup', { chat_id: user.id, message_id: sent.message_id });
    expect(
      await api('editMessageText', { chat_id: user.id, message_id: sent.message_id, text: 'x'.repeat(4097) }),
    ).toEqual(badRequest('Bad Request: MESSAGE_TOO_LONG'));
    const stored = fake.message(user.id, sent.message_id)!;
    expect(
      stored.versions.map((version) => [version.text, version.reply_markup?.inline_keyboard.length ?? 0]),
    ).toEqual([
      ['one', 0],
      ['two', 1],
      ['two', 0],
    ]);
    expect(await api('editMessageText', { chat_id: user.id, message_id: 99, text: 'x' })).toEqual(
      badRequest('Bad Request: message to edit not found'),
    );
    expect(
      result<boolean>(await api('deleteMessage', { chat_id: user.id, message_id: sent.message_id })),
    ).toBe(true);
    expect(await api('deleteMessage', { chat_id: user.id, message_id: sent.message_id })).toEqual(
      badRequest('Bad Request: message to delete not found'),
    );
    expect(fake.messages(user.id)).toEqual([]);
    expect(fake.messages(user.id, { includeDeleted: true })).toHaveLength(1);
  });

  it('parses HTML and MarkdownV2 and refuses bad markup', async () => {
    const fake = await start();
    const user = fake.createUser();
    const html = result<{ text: string; entities: unknown[] }>(
      await api('sendMessage', {
        chat_id: user.id,
        text: '<b>bold</b> &amp; <a href="https://example.com">link</a>',
        parse_mode: 'HTML',
      }),
    );
    expect(html.text).toBe('bold & link');
    expect(html.entities).toEqual([
      { type: 'bold', offset: 0, length: 4 },
      { type: 'text_link', offset: 7, length: 4, url: 'https://example.com' },
    ]);
    expect(await api('sendMessage', { chat_id: user.id, text: 'a <x>b</x>', parse_mode: 'HTML' })).toEqual(
      badRequest(`Bad Request: can't parse entities: Unsupported start tag "x" at byte offset 2`),
    );
    expect(await api('sendMessage', { chat_id: user.id, text: '<b>open', parse_mode: 'HTML' })).toEqual(
      badRequest(`Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`),
    );
    const markdown = result<{ text: string; entities: unknown[] }>(
      await api('sendMessage', { chat_id: user.id, text: '*Done* in 2\\.5 s', parse_mode: 'MarkdownV2' }),
    );
    expect(markdown).toMatchObject({
      text: 'Done in 2.5 s',
      entities: [{ type: 'bold', offset: 0, length: 4 }],
    });
    expect(
      await api('sendMessage', { chat_id: user.id, text: 'Done in 2.5 s', parse_mode: 'MarkdownV2' }),
    ).toEqual(
      badRequest(
        `Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'`,
      ),
    );
  });

  it('checks captions, photo size and dimensions, and media groups', async () => {
    const fake = await start({ photoLimitBytes: 1000 });
    const user = fake.createUser();
    const png = solidPng(20, 10, [1, 2, 3]);
    const chat = String(user.id);
    expect(await upload('sendPhoto', { chat_id: chat, caption: 'c'.repeat(1025) }, { photo: png })).toEqual(
      badRequest('Bad Request: message caption is too long'),
    );
    expect(await upload('sendPhoto', { chat_id: chat }, { photo: new Uint8Array(2000) })).toEqual(
      badRequest('Bad Request: PHOTO_SAVE_FILE_INVALID'),
    );
    expect(await upload('sendPhoto', { chat_id: chat }, { photo: pngHeader(9000, 2000) })).toEqual(
      badRequest('Bad Request: PHOTO_INVALID_DIMENSIONS'),
    );
    expect(await api('sendPhoto', { chat_id: user.id })).toEqual(
      badRequest('Bad Request: there is no photo in the request'),
    );

    const sent = result<{ photo: Array<{ file_id: string }> }>(
      await upload('sendPhoto', { chat_id: chat, photo: 'attach://pic' }, { pic: png }),
    );
    const fileId = sent.photo.at(-1)!.file_id;
    const again = result<{ photo: Array<{ file_id: string }> }>(
      await api('sendPhoto', { chat_id: user.id, photo: fileId }),
    );
    expect(again.photo).toEqual(sent.photo);
    expect(await api('sendPhoto', { chat_id: user.id, photo: 'nonsense' })).toEqual(
      badRequest('Bad Request: wrong file identifier/HTTP URL specified'),
    );
    const byUrl = result<{ photo: Array<{ file_id: string }> }>(
      await api('sendPhoto', { chat_id: user.id, photo: 'https://example.com/cat.jpg' }),
    );
    expect(fake.file(byUrl.photo[0]!.file_id)?.url).toBe('https://example.com/cat.jpg');

    const item = { type: 'photo', media: fileId };
    expect(await api('sendMediaGroup', { chat_id: user.id, media: [item] })).toEqual(
      badRequest('Bad Request: media group must include 2-10 items'),
    );
    expect(await api('sendMediaGroup', { chat_id: user.id, media: Array(11).fill(item) })).toEqual(
      badRequest('Bad Request: Too much messages to send as an album'),
    );
    expect(
      await api('sendMediaGroup', {
        chat_id: user.id,
        media: [item, { type: 'photo', media: 'attach://gone' }],
      }),
    ).toEqual(badRequest("Bad Request: can't parse InputMedia: media not found"));
    expect(
      await api('sendMediaGroup', { chat_id: user.id, media: [item, { type: 'document', media: fileId }] }),
    ).toEqual(badRequest("Bad Request: Can't use the media of the specified type in the album"));
    expect(
      result<unknown[]>(await api('sendMediaGroup', { chat_id: user.id, media: [item, item] })),
    ).toHaveLength(2);
  });

  it('lets the bot download what it sent, and refuses unknown file ids', async () => {
    const fake = await start();
    const user = fake.createUser();
    const bytes = new TextEncoder().encode('a report');
    const sent = result<{ document: { file_id: string; file_name: string; mime_type: string } }>(
      await upload('sendDocument', { chat_id: String(user.id) }, { document: bytes }),
    );
    expect(sent.document).toMatchObject({ file_name: 'document.png', mime_type: 'image/png' });
    const file = result<{ file_path: string; file_size: number }>(
      await api('getFile', { file_id: sent.document.file_id }),
    );
    expect(file).toMatchObject({
      file_size: bytes.byteLength,
      file_path: expect.stringMatching(/^documents\//),
    });
    const download = await fetch(fake.fileUrl(file.file_path));
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    expect((await fetch(fake.fileUrl('documents/nope.png'))).status).toBe(404);
    expect(await api('getFile', { file_id: 'nope' })).toEqual(badRequest('Bad Request: invalid file_id'));
  });
});

describe('Telegram fake: chats, members and commands', () => {
  it('answers membership and admin rights, and applies them to deleteMessage', async () => {
    const fake = await start();
    const owner = fake.createUser({ first_name: 'Owner' });
    const admin = fake.createUser({ first_name: 'Admin' });
    const member = fake.createUser({ first_name: 'Member' });
    const group = fake.createGroup({ title: 'Artists', owner, admins: [admin], members: [member] });
    expect(
      result<{ status: string }>(await api('getChatMember', { chat_id: group.id, user_id: admin.id })),
    ).toMatchObject({ status: 'administrator', can_delete_messages: true });
    expect(
      result<{ status: string }>(await api('getChatMember', { chat_id: group.id, user_id: member.id })),
    ).toMatchObject({ status: 'member' });
    const outsider = fake.createUser();
    expect(
      result<{ status: string }>(await api('getChatMember', { chat_id: group.id, user_id: outsider.id }))
        .status,
    ).toBe('left');
    const admins = result<Array<{ user: { id: number }; status: string }>>(
      await api('getChatAdministrators', { chat_id: group.id }),
    );
    expect(admins.map((entry) => [entry.user.id, entry.status])).toEqual([
      [owner.id, 'creator'],
      [admin.id, 'administrator'],
    ]);
    expect(await api('getChatAdministrators', { chat_id: member.id })).toEqual(
      badRequest('Bad Request: there are no administrators in the private chat'),
    );

    const { message } = fake.sendText({ chat: group, from: member, text: 'spam' });
    expect(await api('deleteMessage', { chat_id: group.id, message_id: message.message_id })).toEqual(
      badRequest("Bad Request: message can't be deleted"),
    );
    fake.setMember(group, fake.botInfo.id, 'administrator');
    expect((await api('deleteMessage', { chat_id: group.id, message_id: message.message_id })).status).toBe(
      200,
    );
  });

  it('applies group privacy mode unless the bot is an admin or reads all messages', async () => {
    const fake = await start();
    const user = fake.createUser();
    const group = fake.createGroup({ members: [user] });
    expect(fake.sendText({ chat: group, from: user, text: 'just chatting' }).delivered).toBe(false);
    expect(fake.sendText({ chat: group, from: user, text: '/imagine@other_bot x' }).delivered).toBe(false);
    expect(fake.sendText({ chat: group, from: user, text: '/imagine@genhub_test_bot x' }).delivered).toBe(
      true,
    );
    expect(fake.sendText({ chat: group, from: user, text: '/imagine x' }).updateId).toBeTypeOf('number');
    const sent = result<{ message_id: number }>(
      await api('sendMessage', { chat_id: group.id, text: 'done' }),
    );
    expect(
      fake.sendText({ chat: group, from: user, text: 'thanks', replyTo: sent.message_id }).delivered,
    ).toBe(true);
    fake.setMember(group, fake.botInfo.id, 'administrator');
    expect(fake.sendText({ chat: group, from: user, text: 'anything' }).delivered).toBe(true);
    expect(fake.messages(group).filter((stored) => !stored.fromBot)).toHaveLength(6);
  });

  it('shows each user the commands of the first scope that has some', async () => {
    const fake = await start();
    const admin = fake.createUser({ language_code: 'de' });
    const member = fake.createUser({ language_code: 'en' });
    const group = fake.createGroup({ admins: [admin], members: [member] });
    const set = (
      commands: Array<[string, string]>,
      scope?: Record<string, unknown>,
      language_code?: string,
    ) =>
      api('setMyCommands', {
        commands: commands.map(([command, description]) => ({ command, description })),
        ...(scope ? { scope } : {}),
        ...(language_code ? { language_code } : {}),
      });
    await set([['imagine', 'Make an image']]);
    await set([['imagine', 'Bild machen']], undefined, 'de');
    await set([['settings', 'Group settings']], { type: 'chat_administrators', chat_id: group.id });
    expect(fake.commandsShown(group, admin).map((command) => command.command)).toEqual(['settings']);
    expect(fake.commandsShown(group, member)).toEqual([{ command: 'imagine', description: 'Make an image' }]);
    expect(fake.commandsShown(admin.id, admin)).toEqual([{ command: 'imagine', description: 'Bild machen' }]);
  });

  it('validates and stores commands per scope and language', async () => {
    const fake = await start();
    const group = fake.createGroup({});
    const commands = [{ command: 'imagine', description: 'Make an image' }];
    expect(await api('setMyCommands', { commands: [{ command: 'Imagine', description: 'x' }] })).toEqual(
      badRequest('Bad Request: BOT_COMMAND_INVALID'),
    );
    expect(await api('setMyCommands', { commands: [{ command: 'a'.repeat(33), description: 'x' }] })).toEqual(
      badRequest('Bad Request: BOT_COMMAND_INVALID'),
    );
    expect(await api('setMyCommands', { commands: [{ command: 'ok', description: ' ' }] })).toEqual(
      badRequest('Bad Request: command description must be non-empty'),
    );
    const many = Array.from({ length: 101 }, (_, index) => ({ command: `c${index}`, description: 'd' }));
    expect((await api('setMyCommands', { commands: many })).status).toBe(400);
    expect(result<boolean>(await api('setMyCommands', { commands }))).toBe(true);
    const scope = { type: 'chat_administrators', chat_id: group.id };
    await api('setMyCommands', {
      commands: [{ command: 'admin', description: 'Settings' }],
      scope,
      language_code: 'de',
    });
    expect(result<unknown>(await api('getMyCommands'))).toEqual(commands);
    expect(fake.commands({ type: 'chat_administrators', chat_id: group.id }, 'de')).toEqual([
      { command: 'admin', description: 'Settings' },
    ]);
    expect(result<unknown>(await api('getMyCommands', { scope }))).toEqual([]);
    await api('deleteMyCommands');
    expect(fake.commands()).toEqual([]);
  });

  it('refuses sends and chat actions to users who blocked the bot or never started it', async () => {
    await start();
    const blocked = fake!.createUser({ blocked: true });
    const stranger = fake!.createUser({ started: false });
    for (const [user, description] of [
      [blocked, 'Forbidden: bot was blocked by the user'],
      [stranger, "Forbidden: bot can't initiate conversation with a user"],
    ] as const) {
      const refused = { status: 403, body: { ok: false, error_code: 403, description } };
      expect(await api('sendMessage', { chat_id: user.id, text: 'hi' })).toEqual(refused);
      expect(await api('sendChatAction', { chat_id: user.id, action: 'typing' })).toEqual(refused);
    }
    expect(fake!.chatActions()).toEqual([]);
  });

  it('applies flood control when asked: one message a second per chat, twenty a minute per group', async () => {
    let clock = 1_000_000;
    const fake = await start({ rateLimits: true, now: () => clock });
    const user = fake.createUser();
    const group = fake.createGroup({});
    expect((await api('sendMessage', { chat_id: user.id, text: '1' })).status).toBe(200);
    expect(await api('sendMessage', { chat_id: user.id, text: '2' })).toEqual({
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      },
    });
    expect((await api('sendChatAction', { chat_id: user.id, action: 'typing' })).status).toBe(200);
    clock += 1000;
    expect((await api('sendMessage', { chat_id: user.id, text: '2' })).status).toBe(200);
    for (let index = 0; index < 20; index += 1) {
      clock += 1000;
      expect((await api('sendMessage', { chat_id: group.id, text: String(index) })).status).toBe(200);
    }
    clock += 1000;
    const refused = await api('sendMessage', { chat_id: group.id, text: 'one too many' });
    expect(refused.body).toMatchObject({ error_code: 429, parameters: { retry_after: 40 } });
  });

  it('times waitFor out with the last calls in the message', async () => {
    const fake = await start();
    await api('getMe');
    await expect(fake.waitFor(() => false, { timeoutMs: 30 })).rejects.toThrow(
      /timed out after 30 ms.*getMe 200/,
    );
  });
});
