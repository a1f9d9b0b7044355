import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenHub, definePlugin, silentLogger } from '@genhub/core';
import { solidPng, waitForJob } from '@genhub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

/** A provider whose results are files on a server at `origin`, which it may declare its own. */
function selfHosted(id: string, origin: () => string, declares: boolean) {
  return definePlugin({
    id,
    name: id,
    contract: 1,
    config: z.object({}),
    setup: () => ({
      ...(declares ? { trustedOrigins: [origin()] } : {}),
      models: () => [
        {
          id: `${id}/image`,
          name: 'Image',
          tasks: ['text-to-image'],
          output: 'image',
          params: z.object({ prompt: z.string().min(1) }),
          estimatePrice: () => ({ usd: 0 }),
          example: { prompt: 'a fox' },
        },
      ],
      async submit() {
        return { status: 'succeeded', outputs: [{ kind: 'url', url: `${origin()}/out.png` }] };
      },
      async poll() {
        throw new Error('answers in submit');
      },
    }),
  });
}

describe("a self-hosted provider's own servers", () => {
  let server: Server;
  let origin = '';

  beforeAll(async () => {
    const png = solidPng(8, 8, [10, 200, 30]);
    server = createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'image/png' }).end(png),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function run(plugin: ReturnType<typeof selfHosted>) {
    const genhub = await createGenHub(
      { dataDir: mkdtempSync(join(tmpdir(), 'genhub-trusted-')) },
      { plugins: [plugin], logger: silentLogger },
    );
    try {
      await genhub.start();
      const job = await genhub.generation.request({
        userId: 'u1',
        model: `${plugin.id}/image`,
        task: 'text-to-image',
        params: { prompt: 'a fox' },
      });
      return await waitForJob(genhub, job, { timeoutMs: 10_000 });
    } finally {
      await genhub.close();
    }
  }

  it('are trusted for downloads when the provider declares them; loopback stays refused otherwise', async () => {
    expect((await run(selfHosted('mine', () => origin, true))).state).toBe('succeeded');
    // The same loopback file from a provider that does not declare it: the SSRF guard refuses it.
    const stranger = await run(selfHosted('stranger', () => origin, false));
    expect(stranger).toMatchObject({ state: 'failed', chargedMicros: 0 });
  });
});
