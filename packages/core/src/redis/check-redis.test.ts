import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkRedis } from './check-redis.js';

const redisUrl = process.env.GENHUB_TEST_REDIS_URL;

describe('checkRedis', () => {
  it('says in one sentence that Redis does not answer, naming no password', async () => {
    // A port that was free a moment ago: nothing listens there.
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const check = await checkRedis(`redis://:hunter2-secret@127.0.0.1:${port}`, 10_000);
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(
      new RegExp(
        `^Redis at 127\\.0\\.0\\.1:${port} does not answer \\(.+\\); check that it runs and GENHUB_REDIS_URL\\.$`,
      ),
    );
    expect(check.message).not.toContain('hunter2');
  }, 30_000);

  it.runIf(redisUrl)('answers with the version of a Redis the queue can run on', async () => {
    const check = await checkRedis(redisUrl!);
    expect(check).toMatchObject({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });
});
