import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createS3ArtifactStore } from '@genhub/artifacts-s3';
import { startTelegramFake, type TelegramFake, type TgUser } from '@genhub/chat-fakes';
import {
  type ArtifactStore,
  JOB_STATES,
  type JobRecord,
  maybeBilledTask,
  type Store,
  TERMINAL_STATES,
} from '@genhub/core';
import { closeRedis, connectRedis } from '@genhub/core/redis';
import { createPostgresStore } from '@genhub/store-postgres';
import { testServiceUrl } from '@genhub/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackApi, startLoopbackApi } from '../src/index.js';

const postgresUrl = testServiceUrl('postgres');
const redisUrl = testServiceUrl('redis');
const s3Endpoint = testServiceUrl('s3');
const s3 = {
  bucket: process.env.GENHUB_TEST_S3_BUCKET ?? 'genhub-test',
  region: process.env.GENHUB_TEST_S3_REGION ?? 'us-east-1',
  accessKeyId: process.env.GENHUB_TEST_S3_ACCESS_KEY_ID ?? 'S3RVER',
  secretAccessKey: process.env.GENHUB_TEST_S3_SECRET_ACCESS_KEY ?? 'S3RVER',
};

/** The real `genhub` command, run from its sources as the process itself, so SIGKILL reaches it. */
const CLI = new URL('../node_modules/@genhub/cli/', import.meta.url).pathname;
const CLI_MAIN = join(CLI, 'src', 'main.ts');
/** The loopback provider's plugin, loaded by path through GENHUB_PLUGINS as a third-party one is. */
const LOOPBACK_PLUGIN = new URL('../src/loopback-plugin.ts', import.meta.url).pathname;
const API_KEY = 'loopback-scale-out-key';
const USERS = 10;
const JOBS_PER_USER = 10;
const JOBS = USERS * JOBS_PER_USER;
const GRANT_MICROS = 1_000_000;
/** What the loopback provider charges for one image (`cost_usd: 0.04`). */
const COST_MICROS = 40_000;

interface GenhubProcess {
  role: 'bot' | 'worker';
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  waitForOutput(pattern: RegExp, ms?: number): Promise<void>;
}

/** The environment of a child genhub: none of this shell's GenHub or bot settings, then `extra`. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(GENHUB_|TELEGRAM_|DISCORD_|AWS_)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** `genhub start --role <role>` on a port of its own choosing. */
function startGenhub(role: 'bot' | 'worker', env: NodeJS.ProcessEnv): GenhubProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@genhub/source', CLI_MAIN, 'start', '--role', role, '--port', '0'],
    { cwd: CLI, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    role,
    child,
    output: () => output,
    exited,
    async waitForOutput(pattern, ms = 120_000) {
      const until = Date.now() + ms;
      while (!pattern.test(output)) {
        if (Date.now() > until || child.exitCode !== null) {
          throw new Error(`the ${role} process did not print ${String(pattern)}:\n${output}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

/** Checks every `everyMs` until `check` holds; fails after `ms`. */
async function waitUntil(
  check: () => Promise<boolean> | boolean,
  what: string,
  ms: number,
  everyMs = 200,
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The job a bot message carries the result of: its buttons name the job (`gh1:<action>:<jobId>`). */
function jobOfButtons(replyMarkup: unknown): string | undefined {
  return /"gh1:i:([\w-]+)"/.exec(JSON.stringify(replyMarkup ?? null))?.[1];
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function readAll(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of source) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe.runIf(postgresUrl && redisUrl && s3Endpoint)(
  'one Telegram bot process and two worker processes on PostgreSQL, Redis and S3, one worker killed mid-flight',
  () => {
    const run = randomBytes(4).toString('hex');
    const schema = `genhub_scale_${run}`;
    /** This run's keys in Redis and folder in the bucket. */
    const prefix = `genhub-scale-${run}`;
    let api: LoopbackApi;
    let telegram: TelegramFake;
    let dir: string;
    let observer: Store | undefined;
    let bucket: ArtifactStore;
    const processes: GenhubProcess[] = [];

    beforeAll(async () => {
      api = await startLoopbackApi({ apiKey: API_KEY });
      telegram = await startTelegramFake();
      dir = mkdtempSync(join(tmpdir(), 'genhub-scale-out-'));
      bucket = createS3ArtifactStore({
        bucket: s3.bucket,
        endpoint: s3Endpoint,
        region: s3.region,
        forcePathStyle: true,
        prefix,
        credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
      });
    });

    afterAll(async () => {
      for (const { child } of processes)
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await Promise.all(processes.map((p) => p.exited));
      // This run's files, keys and schema go; the servers are shared with other tests.
      if (observer) {
        for (const job of await observer.jobs.listByState([...JOB_STATES])) await bucket.remove(job.id);
        await observer.close();
      }
      await bucket.close?.();
      const redis = connectRedis(redisUrl ?? '', 'scale-out-test-cleanup');
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      await closeRedis(redis);
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
      await telegram?.close();
      await api?.close();
      rmSync(dir, { recursive: true, force: true });
    }, 120_000);

    it('delivers every job once to its chat, sends no task twice to a provider without idempotency, and balances the ledger', async () => {
      const configFile = join(dir, 'genhub.config.json');
      writeFileSync(
        configFile,
        JSON.stringify({
          database: { url: postgresUrl, schema },
          redis: { url: redisUrl, prefix, lockSeconds: 5 },
          s3: { bucket: s3.bucket, endpoint: s3Endpoint, region: s3.region, forcePathStyle: true, prefix },
          linkSecret: 'a-link-secret-shared-by-the-processes',
          trustedOrigins: [api.url],
          jobs: { concurrency: 8, pollInitialMs: 100, pollMaxMs: 300 },
          limits: { maxJobsInFlight: 1000, rate: { image: { max: 1000, windowSeconds: 60 } } },
          chat: { confirmAboveUsd: 100 },
        }),
      );
      const env = childEnv({
        GENHUB_CONFIG: configFile,
        GENHUB_DATA_DIR: join(dir, 'data'),
        GENHUB_LOG_LEVEL: 'warn',
        GENHUB_PLUGINS: LOOPBACK_PLUGIN,
        GENHUB_LOOPBACK_API_KEY: API_KEY,
        GENHUB_LOOPBACK_BASE_URL: api.url,
        GENHUB_LOOPBACK_IDEMPOTENT: 'false',
        AWS_ACCESS_KEY_ID: s3.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
      });

      // The schema is made (and migrated) once here, before any process opens it.
      observer = await createPostgresStore({ url: postgresUrl ?? '', schema });
      const users: TgUser[] = Array.from({ length: USERS }, (_, i) =>
        telegram.createUser({ first_name: `User ${i}` }),
      );
      const accountOf = (user: TgUser) => ({ kind: 'user' as const, id: `telegram:${user.id}` });
      for (const user of users) await observer.ledger.grant(accountOf(user), GRANT_MICROS, 'test grant');

      const workers = [startGenhub('worker', env), startGenhub('worker', env)];
      const bot = startGenhub('bot', {
        ...env,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
      });
      processes.push(...workers, bot);
      await Promise.all([
        ...workers.map((worker) => worker.waitForOutput(/Running as a worker process/)),
        bot.waitForOutput(/The Telegram bot is running/),
      ]);

      // Slow tasks: polled for a few seconds each; some slow to accept, some slow to download.
      for (let i = 0; i < JOBS; i++) {
        const extra = i % 10 === 0 ? ' [submit-delay:400]' : i % 10 === 5 ? ' [file-delay:400]' : '';
        const user = users[i % USERS]!;
        telegram.sendText({
          from: user,
          text: `/imagine job ${i} [polls:${8 + (i % 7)}] [poll-delay:300]${extra}`,
        });
      }

      // Kill one worker once jobs are in flight at the provider.
      await waitUntil(
        async () => (await observer!.jobs.listByState(['running'])).length >= 20,
        'twenty running jobs',
        120_000,
      );
      expect(api.tasksCreated()).toBeGreaterThanOrEqual(20);
      workers[0]!.child.kill('SIGKILL');
      await workers[0]!.exited;

      // Every job ends, and the bot has delivered every result.
      const allJobs = async () =>
        (
          await Promise.all(
            users.map(
              async (user) => (await observer!.jobs.usage({ userId: accountOf(user).id, limit: 1000 })).items,
            ),
          )
        ).flat();
      await waitUntil(
        async () => {
          const jobs = await allJobs();
          return jobs.length === JOBS && jobs.every((job) => TERMINAL_STATES.has(job.state));
        },
        'every job to end',
        240_000,
      );
      const jobs: JobRecord[] = await allJobs();
      const succeeded = jobs.filter((job) => job.state === 'succeeded');
      const resultMessages = () => telegram.botMessages().filter((message) => message.files.length > 0);
      await waitUntil(() => resultMessages().length >= succeeded.length, 'every result in its chat', 60_000);
      // Then until the bot has sent nothing for a while, so a result sent twice would be seen.
      let calls = -1;
      await waitUntil(
        () => {
          const now = telegram.calls().filter((call) => call.method !== 'getUpdates').length;
          const quiet = now === calls;
          calls = now;
          return quiet;
        },
        'the bot to fall quiet',
        60_000,
        2_000,
      );

      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      workers[1]!.child.kill('SIGTERM');
      expect(await workers[1]!.exited).toBe(0);
      // The survivor took over what the killed worker held (BullMQ's stalled-job check).
      expect(workers[1]!.output()).toContain('took over a job whose worker stopped answering');

      // Only a job caught mid-submit by the kill may fail: refunded, its task perhaps billed.
      for (const job of jobs.filter((j) => j.state !== 'succeeded')) {
        expect(job.state).toBe('failed');
        expect(maybeBilledTask(job)).toBe(true);
      }
      expect(succeeded.length).toBeGreaterThanOrEqual(JOBS - 16);

      // Each result went to its own chat exactly once, as the file stored for it.
      const delivered = new Map<string, number>();
      for (const message of resultMessages()) {
        const jobId = jobOfButtons(message.replyMarkup);
        expect(jobId).toBeDefined();
        const job = succeeded.find((j) => j.id === jobId);
        if (!job) throw new Error(`a result message names ${String(jobId)}, which did not succeed`);
        expect(`telegram:${message.chatId}`).toBe(job.userId);
        expect(message.files).toHaveLength(1);
        expect(sha256(message.files[0]!.bytes ?? new Uint8Array())).toBe(job.outputs[0]?.sha256);
        delivered.set(job.id, (delivered.get(job.id) ?? 0) + 1);
      }
      expect(delivered.size).toBe(succeeded.length);
      expect([...delivered.values()].every((count) => count === 1)).toBe(true);
      // And each job has one status message in its chat, ending in how it ended.
      for (const job of jobs) {
        const status = telegram
          .botMessages(Number(job.userId.replace('telegram:', '')))
          .filter((message) => message.message.text?.includes(`· job ${job.id}\n`));
        expect(status).toHaveLength(1);
        expect(status[0]!.message.text).toMatch(
          job.state === 'succeeded' ? /\nDone in .+ for \$0\.04\.$/ : /\nFailed: [^\n]+$/,
        );
      }

      // One remote task per job: no submit sent twice, no task shared by two jobs.
      expect(api.submits()).toBe(api.tasksCreated());
      expect(api.tasksCreated()).toBeLessThanOrEqual(JOBS);
      expect(new Set(succeeded.map((job) => job.remoteRef?.id)).size).toBe(succeeded.length);

      // The files in the bucket match their checksums.
      for (const job of succeeded) {
        expect(job.outputs).toHaveLength(1);
        const output = job.outputs[0]!;
        expect(sha256(await readAll(bucket.read(output.key)))).toBe(output.sha256);
      }

      // The ledger balanced: every job reserved once and settled or refunded once.
      for (const user of users) {
        const account = accountOf(user);
        const own = jobs.filter((job) => job.userId === account.id);
        expect(own).toHaveLength(JOBS_PER_USER);
        const balance = await observer.ledger.balance(account);
        expect(balance.reservedMicros).toBe(0);
        const settled = own.filter((job) => job.state === 'succeeded').length;
        expect(balance.availableMicros).toBe(GRANT_MICROS - settled * COST_MICROS);
        const entries = await observer.ledger.entries(account, 1000);
        expect(entries.reduce((sum, entry) => sum + entry.amountMicros, 0)).toBe(balance.availableMicros);
        for (const job of own) {
          const kinds = entries.filter((entry) => entry.jobId === job.id).map((entry) => entry.kind);
          expect(kinds.sort()).toEqual(
            job.state === 'succeeded' ? ['reserve', 'settle'] : ['refund', 'reserve'],
          );
        }
      }
    }, 360_000);
  },
);
