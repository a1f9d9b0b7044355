import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ChatActor,
  ChatController,
  type ChatMessage,
  type ChatMessageHandle,
  type CommandSurface,
  type SurfaceLimits,
} from '@genhub/chat';
import { createGenHub, type GenHub, silentLogger } from '@genhub/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackApi, loopbackPlugin, startLoopbackApi } from '../src/index.js';

// What keeps a process alive after GenHub and a ChatController are closed makes `genhub start` and
// `pnpm bench` hang instead of exiting. These tests compare the event loop's active resources
// (timers, sockets, servers) before and after, through the same public interfaces a front end uses.

const API_KEY = `leak-${randomBytes(6).toString('hex')}`;
const LIMITS: SurfaceLimits = {
  maxUploadBytes: 8 * 1024 * 1024,
  maxFilesPerMessage: 10,
  maxTextLength: 2000,
  maxButtonsPerRow: 5,
  maxButtonRows: 5,
  // Pacing on, so a job leaves paced edits and a queued-status refresh behind if anything does.
  editIntervalMs: 50,
};
const actor: ChatActor = { userId: 'test:leak', isCommunityAdmin: false, frontEnd: 'test' };

/** Records each message's versions; `delivered` once a message carries a file. */
class RecordingSurface implements CommandSurface {
  readonly style = 'slash' as const;
  readonly limits = LIMITS;
  readonly texts: string[] = [];
  #delivered = false;

  get delivered(): boolean {
    return this.#delivered;
  }

  async reply(message: ChatMessage): Promise<ChatMessageHandle> {
    await this.#show(message);
    return { ref: {}, edit: (next) => this.#show(next), delete: async () => {} };
  }

  async #show(message: ChatMessage): Promise<void> {
    this.texts.push(message.text);
    if (message.files?.length) {
      await message.files[0]?.read();
      this.#delivered = true;
    }
  }
}

async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** How many of each kind of resource keeps the event loop alive now. */
function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** Kinds the runner itself starts and ends all the time (a log flush, a file read). */
const TRANSIENT = ['Timeout', 'Immediate', 'FSReqCallback'];

/**
 * The resources before a test, once the runner's own short-lived ones are gone (or after `graceMs`,
 * then they count as the runner's): a timer left over counts against the test, not the baseline.
 */
async function baselineResources(graceMs = 1_000): Promise<Record<string, number>> {
  const deadline = Date.now() + graceMs;
  for (;;) {
    const now = activeResources();
    if (TRANSIENT.every((kind) => now[kind] === undefined) || Date.now() > deadline) return now;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The resources active beyond `baseline`, once they are gone or after `graceMs`: a closed socket
 * leaves the list a tick after its close resolves, a leaked timer or socket never does.
 */
async function leftOver(baseline: Record<string, number>, graceMs = 1_000): Promise<Record<string, number>> {
  const deadline = Date.now() + graceMs;
  for (;;) {
    const extra: Record<string, number> = {};
    for (const [kind, count] of Object.entries(activeResources())) {
      if (count > (baseline[kind] ?? 0)) extra[kind] = count - (baseline[kind] ?? 0);
    }
    if (Object.keys(extra).length === 0 || Date.now() > deadline) return extra;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

let api: LoopbackApi | undefined;
let genhub: GenHub | undefined;
let controller: ChatController | undefined;
let dataDir: string | undefined;
// Whatever a failed test left open (each close is idempotent).
afterEach(async () => {
  controller?.close();
  await genhub?.close();
  await api?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  api = genhub = controller = dataDir = undefined;
});

async function start(): Promise<{ genhub: GenHub; controller: ChatController }> {
  api = await startLoopbackApi({ apiKey: API_KEY });
  dataDir = mkdtempSync(join(tmpdir(), 'genhub-leak-'));
  genhub = await createGenHub(
    {
      dataDir,
      trustedOrigins: [api.url],
      providers: { loopback: { apiKey: API_KEY, baseUrl: api.url } },
      jobs: { pollInitialMs: 5, pollMaxMs: 20 },
    },
    { plugins: [loopbackPlugin], env: {}, logger: silentLogger },
  );
  await genhub.start();
  await genhub.store.ledger.grant({ kind: 'user', id: actor.userId }, 10_000_000);
  controller = new ChatController(genhub);
  return { genhub, controller };
}

describe('closing GenHub and a ChatController', () => {
  it('leaves no timer, socket or server behind after a job delivered through a surface', async () => {
    const baseline = await baselineResources();
    const { genhub, controller } = await start();
    const surface = new RecordingSurface();
    await controller.command(actor, surface, {
      name: 'imagine',
      options: { prompt: 'a fox [polls:3]', model: 'loopback/image' },
    });
    await until(() => surface.delivered, 'the result');
    controller.close();
    await genhub.close();
    await api?.close();

    expect(await leftOver(baseline)).toEqual({});
  });

  it('leaves nothing behind when closed while jobs are queued and running', async () => {
    const baseline = await baselineResources();
    const { genhub, controller } = await start();
    const surfaces = Array.from({ length: 3 }, () => new RecordingSurface());
    for (const surface of surfaces) {
      await controller.command(actor, surface, {
        name: 'imagine',
        options: { prompt: 'a slow fox [polls:1000]', model: 'loopback/image' },
      });
    }
    await until(
      async () => (await genhub.store.jobs.listByState(['running'])).length === surfaces.length,
      'running jobs',
    );
    controller.close();
    await genhub.close();
    await api?.close();

    expect(await leftOver(baseline)).toEqual({});
  });

  it('leaves nothing behind when the provider goes away while answering', async () => {
    const baseline = await baselineResources();
    const { genhub, controller } = await start();
    const surface = new RecordingSurface();
    await controller.command(actor, surface, {
      name: 'imagine',
      options: { prompt: 'a fox held at the door [file-delay:60000]', model: 'loopback/image' },
    });
    await until(() => api?.fileRequests() === 1, 'the file request');
    await api?.close();
    controller.close();
    await genhub.close();

    expect(await leftOver(baseline)).toEqual({});
  });

  it('follows no job for a command that arrives after the controller closed', async () => {
    // A front end stopping lets updates already received finish: they may reach the controller late.
    const baseline = await baselineResources();
    const { genhub, controller } = await start();
    controller.close();
    const surface = new RecordingSurface();
    await controller.command(actor, surface, {
      name: 'imagine',
      options: { prompt: 'a late fox [polls:1000]', model: 'loopback/image' },
    });
    await genhub.close();
    await api?.close();

    expect(await leftOver(baseline)).toEqual({});
  });
});
