import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ALLOWANCE_NOTES,
  createGenHub,
  type GenHub,
  type GenHubConfigInput,
  silentLogger,
} from '@genhub/core';
import { fakePlugin } from '@genhub/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySurface } from './__fixtures__/memory-surface.js';
import { ChatController } from './chat-controller.js';
import type { ChatActor } from './chat-message.js';

let genhub: GenHub | undefined;
let controller: ChatController | undefined;
afterEach(async () => {
  controller?.close();
  await genhub?.close();
  genhub = undefined;
  controller = undefined;
});

async function start(billing: GenHubConfigInput['billing']) {
  genhub = await createGenHub(
    {
      dataDir: mkdtempSync(join(tmpdir(), 'genhub-allowances-')),
      limits: { maxJobsInFlight: 100, rate: { image: { max: 100, windowSeconds: 60 } } },
      billing,
      jobs: { pollInitialMs: 5, pollMaxMs: 20 },
    },
    { plugins: [fakePlugin], env: { GENHUB_FAKE_API_KEY: 'fake-key-123456' }, logger: silentLogger },
  );
  await genhub.start();
  controller = new ChatController(genhub);
  return { genhub, controller };
}

const newcomer: ChatActor = {
  userId: 'test:newcomer',
  isCommunityAdmin: false,
  frontEnd: 'test',
  communityId: 'test:guild',
};
const admin: ChatActor = { ...newcomer, userId: 'test:admin', isCommunityAdmin: true };
const account = { kind: 'user' as const, id: newcomer.userId };
const isDone = (text: string) => /^Done/m.test(text);

describe('free allowances in chat', () => {
  it('let a new user’s first commands run with no operator, crediting the welcome once however many race', async () => {
    const { genhub, controller } = await start({ welcomeUsd: 1 });
    const surface = new MemorySurface();
    await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        controller.command(newcomer, surface, { name: 'imagine', options: { prompt: `fox ${index}` } }),
      ),
    );
    await surface.waitFor(
      () => surface.messages.length === 5 && surface.messages.every((m) => isDone(m.current.text)),
    );
    const entries = await genhub.store.ledger.entries(account, 100);
    const welcomes = entries.filter((entry) => entry.note === ALLOWANCE_NOTES.welcome);
    expect(welcomes).toHaveLength(1);
    expect(welcomes[0]!.amountMicros).toBe(1_000_000);
    const { availableMicros, reservedMicros } = await genhub.store.ledger.balance(account);
    const charged = entries
      .filter((entry) => entry.kind !== 'grant')
      .reduce((sum, e) => sum + e.amountMicros, 0);
    expect(reservedMicros).toBe(0);
    expect(availableMicros).toBe(1_000_000 + charged);
    expect(availableMicros).toBeLessThan(1_000_000);
  });

  it('show today’s free allowance in /credits, as a community’s admins lowered it, and never above the operator’s', async () => {
    const { genhub, controller } = await start({ dailyFreeUsd: 0.5 });
    const surface = new MemorySurface();
    await controller.command(admin, surface, {
      name: 'admin',
      subcommand: 'limits',
      options: { daily_free_usd: 0.2 },
    });
    expect(surface.last().current.text).toContain('Daily free allowance: $0.2');
    await controller.command(newcomer, surface, { name: 'credits', options: {} });
    expect(surface.last().current.text).toContain('Your balance: $0.20');
    expect(surface.last().current.text).toMatch(/Free today: \$0\.20 of \$0\.20 left/);

    await controller.command(admin, surface, {
      name: 'admin',
      subcommand: 'limits',
      options: { daily_free_usd: 9 },
    });
    expect(surface.last().current.text).toContain("stays at GenHub's own $0.5");
    const other: ChatActor = { ...newcomer, userId: 'test:other' };
    await controller.command(other, surface, { name: 'credits', options: {} });
    expect(surface.last().current.text).toContain('Your balance: $0.50');
    expect((await genhub.store.ledger.balance({ kind: 'user', id: other.userId })).availableMicros).toBe(
      500_000,
    );
  });

  it('grant nothing when no allowance is configured', async () => {
    const { genhub, controller } = await start({});
    const surface = new MemorySurface();
    await controller.command(newcomer, surface, { name: 'imagine', options: { prompt: 'a fox' } });
    await surface.waitFor(
      () => surface.messages.length > 0 && /credits|balance/i.test(surface.last().current.text),
    );
    expect(await genhub.store.ledger.entries(account)).toEqual([]);
  });
});
