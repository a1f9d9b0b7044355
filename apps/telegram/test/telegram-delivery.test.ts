import { afterEach, describe, expect, it } from 'vitest';
import { buttonData, closeHarnesses, startHarness, textOf } from './telegram-harness.js';

afterEach(closeHarnesses);

const done = /\nDone/;

describe('results on Telegram', () => {
  it('sends several images as one media group, the keyboard on the status message', async () => {
    const { fake, user } = await startHarness();
    const kim = await user();
    const chat = fake.privateChat(kim);
    fake.sendText({ from: kim, text: '/imagine four foxes --quantity 4' });
    const status = await fake.waitFor((f) => f.botMessages(chat).find((m) => done.test(textOf(m))));
    const album = fake.botMessages(chat).filter((m) => m.message.media_group_id !== undefined);
    // A 2x2 grid first, then the four originals.
    expect(album).toHaveLength(5);
    expect(new Set(album.map((m) => m.message.media_group_id)).size).toBe(1);
    expect(album[0]?.message.reply_to_message?.message_id).toBe(status.messageId);
    expect(fake.calls('sendMediaGroup')).toHaveLength(1);
    expect(buttonData(status, 'Reroll')).toMatch(/^gh1:r:/);

    // Delete removes the status message and every photo of the album.
    fake.pressButton({ message: status, data: buttonData(status, 'Delete'), from: kim });
    await fake.waitFor((f) => f.botMessages(chat).length === 0);
    expect(fake.botMessages(chat, { includeDeleted: true })).toHaveLength(6);
  });

  it('sends every file as a link when Telegram refuses the upload (413)', async () => {
    const { fake, user } = await startHarness();
    const leo = await user();
    const chat = fake.privateChat(leo);
    fake.failNext('sendPhoto', { errorCode: 413, description: 'Request Entity Too Large' });
    fake.sendText({ from: leo, text: '/imagine a fox' });
    const status = await fake.waitFor((f) => f.botMessages(chat).find((m) => done.test(textOf(m))));
    expect(textOf(status)).toMatch(/too large to attach here\): http:\/\/127\.0\.0\.1:8787\/files\//);
    expect(fake.calls('sendPhoto').map((call) => call.status)).toEqual([413]);
    expect(fake.calls('sendDocument')).toEqual([]);
  });

  it('sends an image Telegram will not take as a photo as a document', async () => {
    const { fake, user } = await startHarness({ fake: { photoLimitBytes: 10 } });
    const mia = await user();
    const chat = fake.privateChat(mia);
    fake.sendText({ from: mia, text: '/imagine a fox' });
    await fake.waitFor((f) => f.botMessages(chat).find((m) => done.test(textOf(m))));
    const document = fake.botMessages(chat).find((m) => m.message.document);
    expect(document?.message.document?.file_name).toMatch(/\.png$/);
    expect(buttonData(document!, 'Reroll')).toMatch(/^gh1:r:/);
    expect(fake.calls('sendPhoto').map((call) => call.status)).toEqual([400]);
  });

  it('sends /speak (a WAV) as an OGG/Opus voice note and /3d as a model with its preview', async () => {
    const { fake, user } = await startHarness();
    const ned = await user();
    const chat = fake.privateChat(ned);
    fake.sendText({ from: ned, text: '/speak Hello there' });
    const speech = await fake.waitFor((f) => f.botMessages(chat).find((m) => m.message.voice));
    expect(speech.message.voice?.mime_type ?? speech.files[0]?.mimeType).toBe('audio/ogg');
    expect(Buffer.from(speech.files[0]!.bytes!.subarray(0, 4)).toString('latin1')).toBe('OggS');
    expect(buttonData(speech, 'Reroll')).toMatch(/^gh1:r:/);
    expect(fake.chatActions(chat).map((a) => a.action)).toContain('upload_voice');

    fake.sendText({ from: ned, text: '/3d a low-poly fox' });
    await fake.waitFor((f) => f.botMessages(chat).filter((m) => done.test(textOf(m))).length === 2);
    const model = fake.botMessages(chat).find((m) => m.message.document?.file_name?.endsWith('.glb'));
    expect(model).toBeDefined();
    const preview = fake.botMessages(chat).find((m) => m.message.photo);
    expect(preview?.messageId).toBeGreaterThan(model!.messageId);
    expect(buttonData(preview!, 'Info')).toMatch(/^gh1:i:/);
  });

  it('sends /vector as a photo of the drawing, then the sanitized .svg as a document with the keyboard', async () => {
    const { fake, user } = await startHarness();
    const vic = await user();
    const chat = fake.privateChat(vic);
    fake.sendText({ from: vic, text: '/vector a fox logo [hostile-svg]' });
    // The first SVG of a process loads the sanitizer (jsdom), a few seconds on a busy machine.
    await fake.waitFor((f) => f.botMessages(chat).find((m) => done.test(textOf(m))), { timeoutMs: 30_000 });
    const photo = fake.botMessages(chat).find((m) => m.message.photo);
    const svg = fake.botMessages(chat).find((m) => m.message.document?.file_name?.endsWith('.svg'));
    expect(photo).toBeDefined();
    expect(svg?.message.document?.mime_type ?? svg?.files[0]?.mimeType).toBe('image/svg+xml');
    expect(svg!.messageId).toBeGreaterThan(photo!.messageId);
    expect(buttonData(svg!, 'Reroll')).toMatch(/^gh1:r:/);
    const sent = fake.calls('sendDocument').find((call) => call.status === 200);
    expect(sent).toBeDefined();
  });

  it('sends /sound (a WAV) as a voice note', async () => {
    const { fake, user } = await startHarness();
    const wes = await user();
    const chat = fake.privateChat(wes);
    fake.sendText({ from: wes, text: '/sound a door creaking' });
    const sound = await fake.waitFor((f) => f.botMessages(chat).find((m) => m.message.voice));
    expect(sound.message.voice?.mime_type ?? sound.files[0]?.mimeType).toBe('audio/ogg');
  });

  it('shows a finished job again with /job, the text as the photo caption', async () => {
    const { fake, jobOf, user } = await startHarness();
    const olga = await user();
    const chat = fake.privateChat(olga);
    fake.sendText({ from: olga, text: '/imagine a fox' });
    const status = await fake.waitFor((f) => f.botMessages(chat).find((m) => done.test(textOf(m))));
    const job = await jobOf(status);
    const { message } = fake.sendText({ from: olga, text: `/job ${job.id}` });
    const shown = await fake.waitFor((f) =>
      f
        .botMessages(chat)
        .find((m) => m.message.photo && m.message.reply_to_message?.message_id === message.message_id),
    );
    expect(shown.message.caption).toMatch(new RegExp(`job ${job.id}\\nDone`));
    expect(buttonData(shown, 'Info')).toBe(`gh1:i:${job.id}`);

    fake.pressButton({ message: shown, data: buttonData(shown, 'Info'), from: olga });
    const info = await fake.waitFor((f) =>
      f.botMessages(chat).find((m) => /^State: succeeded/m.test(textOf(m))),
    );
    expect(info.message.reply_to_message?.message_id).toBe(shown.messageId);
  });
});
