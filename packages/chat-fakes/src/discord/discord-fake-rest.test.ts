import { solidPng } from '@genhub/testkit/fake-media';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type DiscordFake, type DiscordFakeOptions, startDiscordFake } from './discord-fake.js';
import type { DiscordFakeInteraction } from './discord-fake-state.js';

let fake: DiscordFake;
let socket: WebSocket | undefined;

afterEach(async () => {
  socket?.terminate();
  socket = undefined;
  await fake?.close();
});

/** A fake with a bare gateway client identified, so interactions can be dispatched. */
async function start(options: DiscordFakeOptions = {}): Promise<DiscordFake> {
  fake = await startDiscordFake(options);
  const ws = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
  socket = ws;
  await new Promise<void>((resolve) => ws.once('open', () => resolve()));
  ws.send(JSON.stringify({ op: 2, d: { token: fake.token, intents: 0, properties: {} } }));
  await fake.waitFor(() => fake.gateway.liveSessions().length === 1);
  return fake;
}

async function api(
  path: string,
  init: { method?: string; json?: unknown; form?: FormData; auth?: string | null; query?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (init.auth !== null) headers.authorization = `Bot ${init.auth ?? fake.token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const body = init.form ?? (init.json === undefined ? undefined : JSON.stringify(init.json));
  const response = await fetch(`${fake.apiUrl}/v10${path}${init.query ?? ''}`, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

const callback = (interaction: DiscordFakeInteraction, json: unknown, query = '') =>
  api(`/interactions/${interaction.id}/${interaction.token}/callback`, { json, auth: null, query });
const webhook = (interaction: DiscordFakeInteraction, path = '', init: Parameters<typeof api>[1] = {}) =>
  api(`/webhooks/${fake.applicationId}/${interaction.token}${path}`, { auth: null, ...init });

describe('Discord fake REST: errors as Discord words them', () => {
  it('answers 401 for a wrong or missing bot token and a recorded Discord 404 for unknown routes', async () => {
    await start();
    expect(await api('/users/@me', { auth: 'nope' })).toMatchObject({
      status: 401,
      body: { message: '401: Unauthorized', code: 0 },
    });
    expect((await api('/users/@me', { auth: null })).status).toBe(401);
    expect((await api('/users/@me')).body).toMatchObject({ id: fake.botUser.id, bot: true });
    expect(await api('/no/such/route', { method: 'PATCH', json: {} })).toMatchObject({
      status: 404,
      body: { message: '404: Not Found', code: 0 },
    });
    expect(fake.callsTo('PATCH /no/such/route')).toHaveLength(1);
    expect(await api('/users/@me', { method: 'DELETE' })).toMatchObject({
      status: 405,
      body: { message: '405: Method Not Allowed', code: 0 },
    });
    expect(await api(`/channels/${fake.channel.id}/messages/123`)).toMatchObject({
      status: 404,
      body: { message: 'Unknown Message', code: 10008 },
    });
    expect((await api('/channels/42/messages/123')).body).toMatchObject({ code: 10003 });
  });

  it('knows unknown interactions (10062), unknown webhooks (10015) and an @original not sent yet (10008)', async () => {
    await start();
    const interaction = await fake.runCommand({ name: 'ping' });
    expect(
      (await api(`/interactions/1/${interaction.token}/callback`, { json: { type: 5 }, auth: null })).body,
    ).toEqual({
      message: 'Unknown interaction',
      code: 10062,
    });
    expect(
      (await api(`/webhooks/${fake.applicationId}/bogus/messages/@original`, { auth: null })).body,
    ).toEqual({
      message: 'Unknown Webhook',
      code: 10015,
    });
    expect((await webhook(interaction, '/messages/@original')).body).toEqual({
      message: 'Unknown Message',
      code: 10008,
    });
  });

  it('refuses callback types that do not fit the interaction', async () => {
    await start();
    const interaction = await fake.runCommand({ name: 'ping' });
    const wrong = await callback(interaction, { type: 7, data: { content: 'x' } });
    expect(wrong).toMatchObject({ status: 400, body: { code: 50035, errors: { type: { _errors: [{}] } } } });
    expect(interaction.acknowledged).toBe(false);
    expect((await callback(interaction, { type: 4, data: { content: 'ok' } })).status).toBe(204);
  });

  it('forgets interactions not answered within the deadline, and expired tokens answer 50027', async () => {
    // Long enough that the prompt answer below is in time on a loaded machine.
    await start({ responseDeadlineMs: 500 });
    const late = await fake.runCommand({ name: 'slow' });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect((await callback(late, { type: 5 })).body).toMatchObject({ code: 10062 });
    expect((await webhook(late, '', { json: { content: 'x' } })).body).toMatchObject({ code: 10015 });

    const answered = await fake.runCommand({ name: 'fast' });
    expect((await callback(answered, { type: 5 })).status).toBe(204);
    answered.expire();
    expect(
      await webhook(answered, '/messages/@original', { method: 'PATCH', json: { content: 'late' } }),
    ).toMatchObject({
      status: 401,
      body: { message: 'Invalid Webhook Token', code: 50027 },
    });
  });

  it('scripts a 429 with Discord body and headers', async () => {
    await start();
    fake.rateLimit('GET /users/@me', { retryAfter: 0.25, global: true });
    const limited = await api('/users/@me');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ message: 'You are being rate limited.', retry_after: 0.25, global: true });
    expect(limited.headers.get('retry-after')).toBe('0.25');
    expect(limited.headers.get('x-ratelimit-global')).toBe('true');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-reset-after')).toBe('0.25');
    expect((await api('/users/@me')).status).toBe(200);
  });
});

describe('Discord fake REST: interaction responses and the message model', () => {
  it('answers with_response=true with the callback response object', async () => {
    await start();
    const interaction = await fake.runCommand({ name: 'ping' });
    const answer = await callback(
      interaction,
      { type: 4, data: { content: 'pong', flags: 64 } },
      '?with_response=true',
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      interaction: {
        id: interaction.id,
        type: 2,
        response_message_id: interaction.original()?.id,
        response_message_loading: false,
        response_message_ephemeral: true,
      },
      resource: { type: 4, message: { content: 'pong', flags: 64, webhook_id: fake.applicationId } },
    });
  });

  it('lets the first followup after a deferral fill the loading message, as Discord documents', async () => {
    await start();
    const interaction = await fake.runCommand({ name: 'imagine' });
    await callback(interaction, { type: 5, data: { flags: 64 } });
    expect(interaction.original()).toMatchObject({ loading: true, ephemeral: true });
    const first = await webhook(interaction, '', { json: { content: 'first', flags: 0 } });
    expect(first.body).toMatchObject({ id: interaction.original()?.id, content: 'first', flags: 64 });
    const second = await webhook(interaction, '', { json: { content: 'second' } });
    expect(second.body).toMatchObject({ content: 'second', flags: 0 });
    expect(interaction.messages().map((message) => message.content)).toEqual(['first', 'second']);
  });

  it('stores multipart files, keeps or drops attachments on edit, and serves them like the CDN', async () => {
    await start();
    const interaction = await fake.runCommand({ name: 'imagine' });
    await callback(interaction, { type: 5 });
    const png = solidPng(3, 2, [1, 2, 3]);
    const form = new FormData();
    form.append(
      'payload_json',
      JSON.stringify({ content: 'two files', attachments: [{ id: 0, description: 'first' }, { id: 1 }] }),
    );
    form.append('files[0]', new Blob([png], { type: 'image/png' }), 'a.png');
    form.append('files[1]', new Blob(['hello'], { type: 'text/plain' }), 'b.txt');
    const edited = await webhook(interaction, '/messages/@original', { method: 'PATCH', form });
    expect(edited.status).toBe(200);
    const message = interaction.original();
    expect(
      message?.attachments.map((a) => [a.filename, a.contentType, a.size, a.width, a.description]),
    ).toEqual([
      ['a.png', 'image/png', png.byteLength, 3, 'first'],
      ['b.txt', 'text/plain', 5, undefined, undefined],
    ]);
    const [first, second] = message?.attachments ?? [];
    const download = await fetch(first?.url ?? '');
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(png);
    expect((await fetch(first?.proxyUrl ?? '')).status).toBe(200);
    expect((await fetch(`${fake.url}/attachments/1/2/nothing.png`)).status).toBe(404);
    expect(fake.callsTo('GET /attachments/:channelId/:attachmentId/:filename')).toHaveLength(2);

    await webhook(interaction, '/messages/@original', { method: 'PATCH', json: { content: 'kept' } });
    expect(message?.attachments).toHaveLength(2);
    await webhook(interaction, '/messages/@original', {
      method: 'PATCH',
      json: { attachments: [{ id: second?.id }] },
    });
    expect(message?.attachments.map((a) => a.filename)).toEqual(['b.txt']);
    expect(message?.versions.map((version) => [version.content, version.attachments.length])).toEqual([
      ['', 0],
      ['two files', 2],
      ['kept', 2],
      ['kept', 1],
    ]);
  });

  it('refuses what Discord refuses: long content, empty messages, duplicate custom ids, too many buttons', async () => {
    await start();
    const interaction = await fake.runCommand({ name: 'imagine' });
    const long = await callback(interaction, { type: 4, data: { content: 'x'.repeat(2001) } });
    expect(long.body).toMatchObject({
      code: 50035,
      errors: {
        data: {
          content: {
            _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }],
          },
        },
      },
    });
    expect((await callback(interaction, { type: 4, data: { content: '  ' } })).body).toEqual({
      message: 'Cannot send an empty message',
      code: 50006,
    });
    const button = (id: string) => ({ type: 2, style: 1, label: id, custom_id: id });
    const duplicate = await callback(interaction, {
      type: 4,
      data: { components: [{ type: 1, components: [button('a'), button('a')] }] },
    });
    expect(duplicate.body).toMatchObject({
      errors: {
        data: {
          components: {
            '0': {
              components: { '1': { custom_id: { _errors: [{ code: 'COMPONENT_CUSTOM_ID_DUPLICATED' }] } } },
            },
          },
        },
      },
    });
    const wide = await callback(interaction, {
      type: 4,
      data: { components: [{ type: 1, components: ['a', 'b', 'c', 'd', 'e', 'f'].map(button) }] },
    });
    expect(wide.body).toMatchObject({ code: 50035 });
    expect(interaction.acknowledged).toBe(false);
  });

  it('dispatches select menus and component interactions that defer the update', async () => {
    await start();
    const command = await fake.runCommand({ name: 'models' });
    await callback(command, {
      type: 4,
      data: {
        content: 'Choose',
        components: [
          {
            type: 1,
            components: [{ type: 3, custom_id: 'model', options: [{ label: 'Flux', value: 'flux' }] }],
          },
        ],
      },
    });
    const message = command.original();
    if (!message) throw new Error('no message');
    const select = await fake.selectMenu({ message, customId: 'model', values: ['flux'] });
    expect(select.payload).toMatchObject({
      type: 3,
      data: { custom_id: 'model', component_type: 3, values: ['flux'] },
      message: { id: message.id, content: 'Choose' },
    });
    expect((await callback(select, { type: 6 })).status).toBe(204);
    await webhook(select, '/messages/@original', {
      method: 'PATCH',
      json: { content: 'Flux chosen', components: [] },
    });
    expect(message.content).toBe('Flux chosen');
    await expect(fake.pressButton({ message, customId: 'model' })).rejects.toThrow(/no button/);
  });
});

describe('Discord fake: simulated users', () => {
  it('builds interaction payloads like Discord: member permissions, roles, attachment_size_limit, resolved users', async () => {
    await start();
    const role = fake.addRole({ name: 'Curator', permissions: ['ManageMessages'] });
    const carol = fake.addUser({ username: 'carol', roles: [role] });
    const dave = fake.addUser({ username: 'dave', permissions: ['ManageGuild'] });
    const interaction = await fake.runCommand({
      name: 'credit',
      user: carol,
      options: { target: dave, amount: 5 },
    });
    expect(interaction.payload).toMatchObject({
      type: 2,
      version: 1,
      application_id: fake.applicationId,
      guild_id: fake.guild.id,
      channel_id: fake.channel.id,
      channel: { id: fake.channel.id, type: 0, name: 'general' },
      member: { user: { id: carol.id, username: 'carol' }, roles: [role.id] },
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': fake.guild.id },
      context: 0,
      attachment_size_limit: 10_485_760,
      data: {
        name: 'credit',
        type: 1,
        options: [
          { name: 'target', type: 6, value: dave.id },
          { name: 'amount', type: 4, value: 5 },
        ],
        resolved: {
          users: { [dave.id]: { username: 'dave' } },
          members: { [dave.id]: { permissions: '32' } },
        },
      },
    });
    const permissions = BigInt((interaction.payload.member as { permissions: string }).permissions);
    expect(permissions & (1n << 13n)).toBe(1n << 13n);
    expect(permissions & (1n << 5n)).toBe(0n);
  });

  it('refuses actions Discord would not allow, and waitFor times out with the last requests', async () => {
    fake = await startDiscordFake();
    await expect(fake.runCommand({ name: 'ping' })).rejects.toThrow(/no bot is connected/);
    await expect(fake.waitFor(() => false, { timeoutMs: 30, description: 'nothing' })).rejects.toThrow(
      /waitFor for nothing timed out after 30 ms/,
    );
  });
});

describe('Discord fake: age-restricted channels and threads', () => {
  it('marks a channel nsfw as configured; a thread has its parent and no flag of its own', async () => {
    await start({ guilds: [{ name: 'Studio', channels: ['general', { name: 'after-dark', nsfw: true }] }] });
    const [general, adult] = fake.guild.channels;
    expect((await api(`/channels/${general?.id}`)).body).toMatchObject({ nsfw: false, type: 0 });
    expect((await api(`/channels/${adult?.id}`)).body).toMatchObject({ nsfw: true, type: 0 });
    const thread = fake.addThread({ parent: adult!, name: 'sketches' });
    const body = (await api(`/channels/${thread.id}`)).body as Record<string, unknown>;
    expect(body).toMatchObject({ type: 11, parent_id: adult?.id, guild_id: fake.guild.id });
    expect(body).not.toHaveProperty('nsfw');
    const command = await fake.runCommand({ name: 'imagine', channel: thread, options: {} });
    expect(command.payload.channel).toMatchObject({ id: thread.id, parent_id: adult?.id });
  });
});
