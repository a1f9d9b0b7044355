import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenHub, type GenHub, type JsonObject, silentLogger } from '@genhub/core';
import { fakePlugin } from '@genhub/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySurface } from './__fixtures__/memory-surface.js';
import { ChatController } from './chat-controller.js';
import type { ChatActor, ChatMessage, ChatSurface } from './chat-message.js';
import type { ReportOutlet } from './report-outlet.js';

let genhub: GenHub | undefined;
let controller: ChatController | undefined;
afterEach(async () => {
  controller?.close();
  await genhub?.close();
  genhub = undefined;
  controller = undefined;
});

async function start() {
  genhub = await createGenHub(
    {
      dataDir: mkdtempSync(join(tmpdir(), 'genhub-chat-moderation-')),
      limits: { maxJobsInFlight: 100, rate: { image: { max: 100, windowSeconds: 60 } } },
      jobs: { pollInitialMs: 5, pollMaxMs: 20 },
    },
    { plugins: [fakePlugin], env: { GENHUB_FAKE_API_KEY: 'fake-key-123456' }, logger: silentLogger },
  );
  await genhub.start();
  controller = new ChatController(genhub);
  return { genhub, controller };
}

const community = 'test:guild';
const member: ChatActor = {
  userId: 'test:member',
  communityId: community,
  isCommunityAdmin: false,
  frontEnd: 'test',
};
const admin: ChatActor = { ...member, userId: 'test:admin', isCommunityAdmin: true };
const text = (surface: MemorySurface) => surface.last().current.text;
const buttonId = (message: ChatMessage, label: string) => {
  const found = (message.buttons ?? []).flat().find((button) => button.label === label);
  if (found?.kind !== 'action') throw new Error(`no ${label} button in ${JSON.stringify(message)}`);
  return found.id;
};

/** An outlet whose admins' inbox is a memory surface; `adminIds` are who the platform calls admins. */
function memoryOutlet(
  inbox: MemorySurface | undefined,
  adminIds: string[] = [],
): ReportOutlet & { places: string[] } {
  const places: string[] = [];
  return {
    places,
    adminSurfaces: async (_community, place): Promise<ChatSurface[]> => {
      if (place !== undefined) places.push(place);
      return inbox ? [inbox] : [];
    },
    isAdmin: async (_community, userId) => adminIds.includes(userId),
    restore: (_message: JsonObject) => undefined,
    checkPlace: async (_community, place) => (/^-?\d+$/.test(place) ? true : 'Give a chat id.'),
  };
}

describe('moderation commands', () => {
  it('are for the community’s admins, in the community', async () => {
    const { controller } = await start();
    const surface = new MemorySurface();
    await controller.command(member, surface, { name: 'admin', subcommand: 'log' });
    expect(text(surface)).toBe('Only this community’s admins can do that.');
    const { communityId: _none, ...inPrivate } = admin;
    await controller.command(inPrivate, surface, {
      name: 'admin',
      subcommand: 'block',
      options: { user: 'test:x' },
    });
    expect(text(surface)).toBe('That admin command works in a server or group, not here.');
  });

  it('take typed arguments: a negative chat id for reports, a bare user id for block', async () => {
    const { genhub, controller } = await start();
    const outlet = memoryOutlet(new MemorySurface());
    controller.attachReportOutlet('test', outlet);
    const surface = new MemorySurface({ style: 'text' });
    await controller.command(admin, surface, { name: 'admin', text: 'reports -1001234' });
    expect(text(surface)).toBe('Saved; reports go to -1001234.');
    await controller.command(admin, surface, { name: 'admin', text: 'reports nowhere' });
    expect(text(surface)).toBe('Give a chat id.');
    await controller.command(admin, surface, { name: 'admin', text: 'block 42' });
    expect(text(surface)).toBe('Blocked test:42 from generating in this community.');
    expect(await genhub.moderation.isBlocked('test:42', community)).toBe(true);
    await controller.command(admin, surface, { name: 'admin', text: 'blocklist add --entry "very bad"' });
    expect(text(surface)).toBe('Saved; the blocklist has 1 entry.');
    await controller.command(admin, surface, { name: 'admin', text: 'blocklist list' });
    expect(text(surface)).toBe('This community’s blocklist (1):\nvery bad');
  });

  it('page the log ten entries at a time, newest first', async () => {
    const { genhub, controller } = await start();
    for (let i = 1; i <= 12; i++)
      await genhub.moderation.record({
        actor: 'test:admin',
        action: `act${i}`,
        community,
        target: null,
        detail: null,
      });
    await genhub.moderation.record({
      actor: 'x',
      action: 'elsewhere',
      community: 'test:other',
      target: null,
      detail: null,
    });
    const surface = new MemorySurface();
    await controller.command(admin, surface, { name: 'admin', subcommand: 'log' });
    const first = surface.last();
    expect(first.current.text.split('\n')).toHaveLength(10);
    expect(first.current.text.split('\n')[0]).toMatch(/ · test:admin · act12$/);
    await controller.press(admin, surface, buttonId(first.current, 'Older'), surface.handle(first));
    expect(first.current.text.split('\n').map((line) => line.split(' · ').at(-1))).toEqual(['act2', 'act1']);
    expect(first.current.buttons).toBeUndefined();
    await controller.press(member, surface, buttonId(first.versions[0]!, 'Older'));
    expect(text(surface)).toBe('Only this community’s admins can do that.');
  });
});

describe('reports', () => {
  async function finishedJob(actor: ChatActor) {
    const { genhub, controller } = await start();
    await genhub.store.ledger.grant({ kind: 'user', id: actor.userId }, 1_000_000);
    const surface = new MemorySurface();
    await controller.command(actor, surface, { name: 'imagine', options: { prompt: 'a fox' } });
    const result = await surface.waitFor(() => surface.messages.find((m) => /^Done/m.test(m.current.text)));
    return { genhub, controller, surface, result };
  }

  it('are offered only for results made in a community', async () => {
    const { communityId: _none, ...inPrivate } = member;
    const { result } = await finishedJob(inPrivate);
    expect((result.current.buttons ?? []).flat().map((button) => button.label)).not.toContain('Report');
  });

  it('go once per reporter; admins reached in private may act from there; others may not', async () => {
    const { genhub, controller, surface, result } = await finishedJob(member);
    const reporter: ChatActor = { ...member, userId: 'test:reporter' };
    const report = buttonId(result.current, 'Report');

    await controller.press(reporter, surface, report);
    expect(text(surface)).toBe('Reports cannot be sent from here.');

    const inbox = new MemorySurface();
    controller.attachReportOutlet('test', memoryOutlet(inbox, ['test:owner']));
    await controller.press(reporter, surface, report);
    expect(text(surface)).toBe('Thanks; this community’s admins have your report.');
    await controller.press(reporter, surface, report);
    expect(text(surface)).toBe('You already reported this result; the admins have it.');
    expect(inbox.messages).toHaveLength(1);
    const filed = inbox.last().current;
    expect(filed.text).toMatch(/^Report: test:reporter reported a result by test:member\./);
    expect(filed.files?.[0]?.mediaType).toBe('image/png');

    // A press in a direct message: no community on the actor, so the platform is asked.
    const owner: ChatActor = { userId: 'test:owner', isCommunityAdmin: false, frontEnd: 'test' };
    const stranger: ChatActor = { ...owner, userId: 'test:stranger' };
    await controller.press(stranger, inbox, buttonId(filed, 'Block user'));
    expect(text(inbox)).toBe('Only the admins of the community this result was made in can do that.');
    expect(await genhub.moderation.isBlocked(member.userId, community)).toBe(false);
    await controller.press(owner, inbox, buttonId(filed, 'Block user'));
    expect(text(inbox)).toBe('Blocked test:member from generating in this community.');
    expect(await genhub.moderation.isBlocked(member.userId, community)).toBe(true);
    // The result's message is out of this outlet's reach: said, and nothing recorded.
    await controller.press(owner, inbox, buttonId(filed, 'Delete result'));
    expect(text(inbox)).toBe('The result could not be deleted; it may be gone already.');
    expect((await genhub.moderation.log({ community })).map((entry) => entry.action)).toEqual([
      'block',
      'report',
    ]);
  });

  it('are kept in the log even when no admin can be reached', async () => {
    const { genhub, controller, surface, result } = await finishedJob(member);
    controller.attachReportOutlet('test', memoryOutlet(undefined));
    await controller.press(
      { ...member, userId: 'test:reporter' },
      surface,
      buttonId(result.current, 'Report'),
    );
    expect(text(surface)).toBe(
      'Thanks; your report is in this community’s log, but its admins could not be reached just now.',
    );
    expect((await genhub.moderation.log({ community }))[0]).toMatchObject({
      action: 'report',
      actor: 'test:reporter',
    });
  });
});
