import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenHub, currentModel, type GenHub, type GenHubConfigInput, silentLogger } from '@genhub/core';
import { fakePlugin } from '@genhub/testkit';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySurface } from './__fixtures__/memory-surface.js';
import { decodeButtonId } from './button-id.js';
import { ChatController } from './chat-controller.js';
import type { ChatActor, ChatButton, ChatMessage } from './chat-message.js';

let genhub: GenHub | undefined;
let controller: ChatController | undefined;
afterEach(async () => {
  controller?.close();
  await genhub?.close();
  genhub = undefined;
  controller = undefined;
});

async function start(config: GenHubConfigInput = {}) {
  genhub = await createGenHub(
    {
      dataDir: mkdtempSync(join(tmpdir(), 'genhub-chat-')),
      limits: { maxJobsInFlight: 100, rate: { image: { max: 100, windowSeconds: 60 } } },
      ...config,
      jobs: { pollInitialMs: 5, pollMaxMs: 20 },
    },
    { plugins: [fakePlugin], env: { GENHUB_FAKE_API_KEY: 'fake-key-123456' }, logger: silentLogger },
  );
  await genhub.start();
  controller = new ChatController(genhub);
  return { genhub, controller };
}

const alice: ChatActor = { userId: 'test:alice', isCommunityAdmin: false, frontEnd: 'test' };
const buttons = (message: ChatMessage): ChatButton[] => (message.buttons ?? []).flat();
const button = (message: ChatMessage, label: string) => {
  const found = buttons(message).find((b) => b.label === label);
  if (found?.kind !== 'action') throw new Error(`no ${label} button in ${JSON.stringify(message)}`);
  return found.id;
};
const done = (message: ChatMessage) => /^Done/m.test(message.text);

/**
 * A community member with a $0.30 daily limit and plenty of credits, shown two $0.20 confirmations
 * (one would fit the limit, both would not).
 */
async function twoConfirmationsUnderDailyLimit() {
  const { genhub, controller } = await start({ chat: { confirmAboveUsd: 0.1 } });
  const member: ChatActor = { ...alice, communityId: 'test:guild' };
  const admin: ChatActor = { ...member, userId: 'test:admin', isCommunityAdmin: true };
  await genhub.store.ledger.grant({ kind: 'user', id: alice.userId }, 5_000_000);
  const surface = new MemorySurface();
  await controller.command(admin, surface, {
    name: 'admin',
    subcommand: 'limits',
    options: { member_daily_usd: 0.3 },
  });
  await controller.command(member, surface, { name: '3d', options: { prompt: 'one fox' } });
  const first = surface.last();
  await controller.command(member, surface, { name: '3d', options: { prompt: 'two foxes' } });
  const second = surface.last();
  return { genhub, controller, member, surface, first, second };
}

describe('ChatController', () => {
  it('runs /imagine to a result with files and buttons, and rerolls it as a second job', async () => {
    const { genhub, controller } = await start();
    await genhub.store.ledger.grant({ kind: 'user', id: alice.userId }, 1_000_000);
    const surface = new MemorySurface();
    await controller.command(alice, surface, {
      name: 'imagine',
      options: { prompt: 'a fox [slow:2]', seed: 5 },
    });
    const first = surface.messages[0];
    await surface.waitFor(() => first && done(first.current));
    const texts = first?.versions.map((v) => v.text.split('\n').at(-1)) ?? [];
    expect(texts[0]).toMatch(/^Starting/);
    expect(texts).toContainEqual(expect.stringMatching(/^Queued|^Running|^Sending/));
    expect(first?.current.files?.[0]?.mediaType).toBe('image/png');
    expect(buttons(first!.current).map((b) => b.label)).toEqual([
      'Reroll',
      'Vary',
      'Animate',
      'Info',
      'Delete',
    ]);

    await controller.press(alice, surface, button(first!.current, 'Reroll'));
    const second = surface.messages[1];
    await surface.waitFor(() => second && done(second.current));
    const jobIds = surface.messages.map((m) => /job (\w+)/.exec(m.current.text)?.[1]);
    expect(new Set(jobIds).size).toBe(2);
    const rerolled = await genhub.generation.get(jobIds[1]!);
    expect(rerolled?.params.prompt).toBe('a fox [slow:2]');
    expect(rerolled?.params.seed).not.toBe(5);
  });

  it('runs /vector to a PNG picture of the SVG followed by the sanitized SVG, with buttons', async () => {
    const { genhub, controller } = await start();
    await genhub.store.ledger.grant({ kind: 'user', id: alice.userId }, 1_000_000);
    const surface = new MemorySurface();
    await controller.command(alice, surface, {
      name: 'vector',
      options: { prompt: 'a fox logo [hostile-svg]' },
    });
    const message = surface.messages[0]!;
    // The first SVG of a process loads the sanitizer (jsdom), a few seconds on a busy machine.
    await surface.waitFor(() => done(message.current), 30_000);
    const files = message.current.files ?? [];
    expect(files.map((file) => [file.mediaType, file.kind])).toEqual([
      ['image/png', 'image'],
      ['image/svg+xml', 'vector'],
    ]);
    expect(files[0]!.name).toMatch(/-1-preview\.png$/);
    expect(files[1]!.name).toMatch(/-1\.svg$/);
    const preview = await sharp(await files[0]!.read()).metadata();
    expect(preview).toMatchObject({ format: 'png', width: 1024, height: 1024 });
    const svg = Buffer.from(await files[1]!.read()).toString();
    expect(svg).not.toMatch(/<script|onload|evil\.example/);
    expect(buttons(message.current).map((b) => b.label)).toEqual(['Reroll', 'Info', 'Delete']);
  });

  it('runs /vector with an image as image-to-vector (vectorize)', async () => {
    const { genhub, controller } = await start();
    await genhub.store.ledger.grant({ kind: 'user', id: alice.userId }, 1_000_000);
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#f80' } })
      .png()
      .toBuffer();
    const surface = new MemorySurface();
    await controller.command(alice, surface, {
      name: 'vector',
      options: { prompt: 'trace it' },
      images: [{ url: `data:image/png;base64,${png.toString('base64')}`, mediaType: 'image/png' }],
    });
    const message = surface.messages[0]!;
    await surface.waitFor(() => done(message.current));
    expect(message.current.files?.map((file) => file.mediaType)).toEqual(['image/png', 'image/svg+xml']);
    const job = (await genhub.generation.usage({ userId: alice.userId })).items[0]!;
    expect(job.task).toBe('image-to-vector');
  });

  it('runs /sound to an audio file', async () => {
    const { genhub, controller } = await start();
    await genhub.store.ledger.grant({ kind: 'user', id: alice.userId }, 1_000_000);
    const surface = new MemorySurface();
    await controller.command(alice, surface, { name: 'sound', options: { prompt: 'a door creaking' } });
    const message = surface.messages[0]!;
    await surface.waitFor(() => done(message.current));
    expect(message.current.files?.map((file) => file.kind)).toEqual(['audio']);
    const job = (await genhub.generation.usage({ userId: alice.userId })).items[0]!;
    expect(job.task).toBe('text-to-sound');
    expect(currentModel(job)).toBe('fake/sound');
  });

  it('asks to confirm above the threshold, and runs once however often Confirm is pressed', async () => {
    const { genhub, controller } = await start({ chat: { confirmAboveUsd: 0.1 } });
    await genhub.store.ledger.grant({ kind: 'user', id: alice.userId }, 1_000_000);
    const surface = new MemorySurface();
    await controller.command(alice, surface, { name: '3d', options: { prompt: 'a fox' } });
    const ask = surface.messages[0]!;
    expect(ask.current.text).toMatch(/costs about \$0\.20 .*you have \$1\.00/);
    const confirm = button(ask.current, 'Confirm');
    const bob: ChatActor = { ...alice, userId: 'test:bob' };
    await controller.press(bob, surface, confirm, surface.handle(ask));
    expect(surface.last().current.text).toBe('Only the person who asked can confirm or cancel this.');
    await Promise.all([
      controller.press(alice, surface, confirm, surface.handle(ask)),
      controller.press(alice, surface, confirm, surface.handle(ask)),
    ]);
    await surface.waitFor(() => done(ask.current));
    expect(surface.messages.filter((m) => /already used|expired/.test(m.current.text))).toHaveLength(1);
    const usage = await genhub.generation.usage({ userId: alice.userId });
    expect(usage.items).toHaveLength(1);
    expect(ask.current.files?.[0]?.mediaType).toBe('model/gltf-binary');
  });

  it('says why a request is refused: no credits (with price and balance), a rate limit, a bad option', async () => {
    const { controller } = await start({ limits: { rate: { image: { max: 1, windowSeconds: 60 } } } });
    const surface = new MemorySurface();
    await controller.command(alice, surface, { name: 'imagine', options: { prompt: 'a fox' } });
    await surface.waitFor(() => /credit|balance/i.test(surface.last().current.text));
    expect(surface.last().current.text).toMatch(/\$0\.01/);
    await genhub!.store.ledger.grant({ kind: 'user', id: alice.userId }, 1_000_000);
    await controller.command(alice, surface, { name: 'imagine', options: { prompt: 'one' } });
    await controller.command(alice, surface, { name: 'imagine', options: { prompt: 'two' } });
    await surface.waitFor(() => /try again in/i.test(surface.last().current.text));
    await controller.command(alice, new MemorySurface({ style: 'text' }), {
      name: 'imagine',
      text: 'a fox --seed lots',
    });
    const typed = new MemorySurface({ style: 'text' });
    await controller.command(alice, typed, { name: 'imagine', text: 'a fox --bogus 3' });
    expect(typed.last().current.text).toMatch(/--bogus/);
    expect(typed.last().current.text.split('\n')).toHaveLength(1);
  });

  it('reports a failed provider job as refunded', async () => {
    const { genhub, controller } = await start();
    await genhub.store.ledger.grant({ kind: 'user', id: alice.userId }, 1_000_000);
    const surface = new MemorySurface();
    await controller.command(alice, surface, { name: 'imagine', options: { prompt: 'a fox [fail]' } });
    await surface.waitFor(() => /Failed/.test(surface.messages[0]?.current.text ?? ''));
    expect(surface.messages[0]?.current.text).toMatch(/You were not charged\.$/);
    expect((await genhub.store.ledger.balance({ kind: 'user', id: alice.userId })).availableMicros).toBe(
      1_000_000,
    );
  });

  it('keeps the edit interval up to the last edit of a job message (the result too)', async () => {
    const { genhub, controller } = await start();
    await genhub.store.ledger.grant({ kind: 'user', id: alice.userId }, 1_000_000);
    const edits: number[] = [];
    const surface = new MemorySurface({ limits: { editIntervalMs: 150 } });
    const handle = surface.handle.bind(surface);
    surface.handle = (record) => {
      const inner = handle(record);
      return {
        ...inner,
        edit: async (message) => {
          edits.push(Date.now());
          await inner.edit(message);
        },
      };
    };
    for (const prompt of ['a fox [slow:3]', 'a fox [slow:3] [fail]']) {
      edits.length = 0;
      await controller.command(alice, surface, { name: 'imagine', options: { prompt } });
      const message = surface.last();
      await surface.waitFor(() => /^(Done|Failed)/m.test(message.current.text));
      expect(edits.length).toBeGreaterThan(1);
      for (let index = 1; index < edits.length; index += 1)
        expect(edits[index]! - edits[index - 1]!).toBeGreaterThanOrEqual(140);
    }
  });

  it('sends four images with a 2x2 grid first, and what does not fit as links', async () => {
    const { genhub, controller } = await start();
    await genhub.store.ledger.grant({ kind: 'user', id: alice.userId }, 1_000_000);
    const surface = new MemorySurface({ limits: { maxFilesPerMessage: 3 } });
    await controller.command(alice, surface, {
      name: 'imagine',
      options: { prompt: 'four foxes', quantity: 4 },
    });
    await surface.waitFor(() => done(surface.messages[0]!.current));
    const result = surface.messages[0]!.current;
    expect(result.files).toHaveLength(3);
    expect(
      result.text.match(/http:\/\/127\.0\.0\.1:8787\/files\/[\w-]+\/[\w-]+\?expires=\d+&sig=[\w-]+/g),
    ).toHaveLength(1);

    const roomy = new MemorySurface();
    await controller.command(alice, roomy, {
      name: 'imagine',
      options: { prompt: 'four foxes', quantity: 4 },
    });
    await roomy.waitFor(() => done(roomy.messages[0]!.current));
    const files = roomy.messages[0]!.current.files ?? [];
    expect(files.map((f) => f.name.replace(/^\w+-/, ''))).toEqual([
      'grid.png',
      '1.png',
      '2.png',
      '3.png',
      '4.png',
    ]);
    const grid = await sharp(await files[0]!.read()).metadata();
    const one = await sharp(await files[1]!.read()).metadata();
    expect(grid.width! / grid.height!).toBeCloseTo(one.width! / one.height!, 2);

    const tiny = new MemorySurface({ limits: { maxUploadBytes: 10 } });
    await controller.command(alice, tiny, { name: 'imagine', options: { prompt: 'big' } });
    await tiny.waitFor(() => done(tiny.messages[0]!.current));
    expect(tiny.messages[0]!.current.files ?? []).toHaveLength(0);
    expect(tiny.messages[0]!.current.text).toMatch(/too large to attach here\): http/);
  });

  it('animates a previous result and an attachment, and needs an image for /animate', async () => {
    const { genhub, controller } = await start({ chat: { confirmAboveUsd: 100 } });
    await genhub.store.ledger.grant({ kind: 'user', id: alice.userId }, 5_000_000);
    const surface = new MemorySurface();
    await controller.command(alice, surface, { name: 'animate', options: { prompt: 'go' } });
    expect(surface.last().current.text).toBe('/animate needs an image: attach one to the command.');
    await controller.command(alice, surface, { name: 'imagine', options: { prompt: 'a fox' } });
    const image = surface.last();
    await surface.waitFor(() => done(image.current));
    await controller.press(alice, surface, button(image.current, 'Animate'));
    const video = surface.last();
    await surface.waitFor(() => done(video.current));
    expect(video.current.files?.[0]?.mediaType).toBe('video/mp4');
    const job = await genhub.generation.get(/job (\w+)/.exec(video.current.text)![1]!);
    expect(job?.task).toBe('image-to-video');
    expect(job?.origin.from).toBeTypeOf('string');
  });

  it('asks to confirm a priced generation from a real-sized image, and runs it on Confirm', async () => {
    const { genhub, controller } = await start({ chat: { confirmAboveUsd: 0 } });
    await genhub.store.ledger.grant({ kind: 'user', id: alice.userId }, 50_000_000);
    // A photo as Telegram and the Animate button hand it over: a data: URI of some hundred kilobytes.
    const noise = randomBytes(256 * 256 * 3);
    const png = await sharp(noise, { raw: { width: 256, height: 256, channels: 3 } })
      .png()
      .toBuffer();
    expect(png.byteLength).toBeGreaterThan(64 * 1024);
    const surface = new MemorySurface();
    await controller.command(alice, surface, {
      name: 'animate',
      options: { prompt: 'go' },
      images: [{ url: `data:image/png;base64,${png.toString('base64')}`, mediaType: 'image/png' }],
    });
    const ask = surface.last();
    expect(ask.current.text).toMatch(/costs about/);
    await controller.press(alice, surface, button(ask.current, 'Confirm'), surface.handle(ask));
    await surface.waitFor(() => done(ask.current));
    expect(ask.current.files?.[0]?.mediaType).toBe('video/mp4');
  });

  it('brings a running job back with /job and keeps that message up to date too', async () => {
    const { genhub, controller } = await start();
    await genhub.store.ledger.grant({ kind: 'user', id: alice.userId }, 1_000_000);
    const surface = new MemorySurface();
    await controller.command(alice, surface, { name: 'imagine', options: { prompt: 'a fox [slow:4]' } });
    await surface.waitFor(() => /job (\w+)/.test(surface.messages[0]!.current.text));
    await controller.command(alice, surface, {
      name: 'job',
      options: { id: /job (\w+)/.exec(surface.messages[0]!.current.text)![1]! },
    });
    const again = surface.messages[1]!;
    await surface.waitFor(() => done(surface.messages[0]!.current));
    await surface.waitFor(() => done(again.current));
    expect(again.current.files?.[0]?.mediaType).toBe('image/png');
  });

  it("holds a community's member daily limit at Confirm too, not only when the price is shown", async () => {
    const { genhub, controller, member, surface, first, second } = await twoConfirmationsUnderDailyLimit();
    expect(first.current.text).toMatch(/costs about \$0\.20/);
    expect(second.current.text).toMatch(/costs about \$0\.20/);
    await controller.press(member, surface, button(first.current, 'Confirm'), surface.handle(first));
    await surface.waitFor(() => done(first.current));
    await controller.press(member, surface, button(second.current, 'Confirm'), surface.handle(second));
    expect(surface.last().current.text).toMatch(/over your daily budget of \$0\.30/);
    const usage = await genhub.generation.usage({ userId: alice.userId });
    expect(usage.items).toHaveLength(1);
  });

  it('holds the member daily limit when two confirmations are pressed at the same instant', async () => {
    const { genhub, controller, member, surface, first, second } = await twoConfirmationsUnderDailyLimit();
    await Promise.all([
      controller.press(member, surface, button(first.current, 'Confirm'), surface.handle(first)),
      controller.press(member, surface, button(second.current, 'Confirm'), surface.handle(second)),
    ]);
    await controller.idle();
    expect((await genhub.generation.usage({ userId: alice.userId })).items).toHaveLength(1);
    expect(
      surface.messages.filter((m) => /over your daily budget of \$0\.30/.test(m.current.text)),
    ).toHaveLength(1);
  });

  it('keeps settings, lets admins restrict models, and grants credits for operators only', async () => {
    const { controller } = await start({ chat: { operators: ['test:op'] } });
    const member: ChatActor = { ...alice, communityId: 'test:guild' };
    const admin: ChatActor = { ...member, userId: 'test:admin', isCommunityAdmin: true };
    const surface = new MemorySurface({ style: 'text' });
    await controller.command(member, surface, { name: 'settings', text: '--ar 16:9 --privacy private' });
    expect(surface.last().current.text).toMatch(/Aspect ratio: 16:9[\s\S]*Privacy: private/);
    await controller.command(member, surface, { name: 'admin', text: 'models block fake/image' });
    expect(surface.last().current.text).toMatch(/admins/);
    await controller.command(admin, surface, { name: 'admin', text: 'models block fake/image' });
    expect(surface.last().current.text).toMatch(/Allowed models: (?!.*fake\/image)/);
    await controller.command(member, surface, { name: 'imagine', text: 'a fox --model fake/image' });
    expect(surface.last().current.text).toMatch(/does not allow fake\/image/);
    await controller.command(admin, surface, { name: 'admin', text: 'grant bob 5' });
    expect(surface.last().current.text).toMatch(/operators/);
    await controller.command({ ...alice, userId: 'test:op' }, surface, {
      name: 'admin',
      text: 'grant bob 5',
    });
    expect(surface.last().current.text).toBe('Granted $5.00 to test:bob; their balance is $5.00.');
    await controller.command({ ...alice, userId: 'test:bob' }, surface, { name: 'credits' });
    expect(surface.last().current.text).toMatch(/Your balance: \$5\.00/);
  });

  it('refuses a confirmation for a model the community blocked after the price was shown', async () => {
    const { genhub, controller } = await start({ chat: { confirmAboveUsd: 0.1 } });
    const member: ChatActor = { ...alice, communityId: 'test:guild' };
    const admin: ChatActor = { ...member, userId: 'test:admin', isCommunityAdmin: true };
    await genhub.store.ledger.grant({ kind: 'user', id: member.userId }, 1_000_000);
    const surface = new MemorySurface();
    await controller.command(member, surface, { name: '3d', options: { prompt: 'a fox' } });
    const ask = surface.messages[0]!;
    await controller.command(admin, surface, {
      name: 'admin',
      subcommand: 'models',
      options: { action: 'block', model: 'fake/3d' },
    });
    await controller.press(member, surface, button(ask.current, 'Confirm'), surface.handle(ask));
    expect(surface.last().current.text).toBe(
      'This community does not allow fake/3d; pick another with /models or ask an admin.',
    );
    expect((await genhub.generation.usage({ userId: member.userId })).items).toHaveLength(0);
    expect((await genhub.store.ledger.balance({ kind: 'user', id: member.userId })).availableMicros).toBe(
      1_000_000,
    );
  });

  it('ignores buttons it did not make and jobs that do not exist', async () => {
    const { controller } = await start();
    const surface = new MemorySurface();
    await controller.press(alice, surface, 'something-else');
    await controller.press(alice, surface, 'gh1:r:nosuchjob');
    expect(surface.messages.map((m) => m.current.text)).toEqual([
      'That button no longer works; run the command again.',
      'That job no longer exists.',
    ]);
    expect(decodeButtonId('gh1:r:nosuchjob')?.action).toBe('reroll');
  });
});
