import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AccountRef,
  createGenHub,
  type GenHub,
  type JobRecord,
  silentLogger,
  type Task,
} from '@genhub/core';
import { waitForJob } from '@genhub/testkit';
import { afterAll, beforeAll, expect } from 'vitest';
import { createValidator } from '../src/__fixtures__/openapi.js';
import { imarouterPlugin } from '../src/index.js';
import { type ImarouterFake, startImarouterFake } from './fake/index.js';

export const user: AccountRef = { kind: 'user', id: 'u1' };
const rate = { max: 10_000, windowSeconds: 60 };

/** A fake imarouter and the whole GenHub pipeline (SQLite, ledger, artifacts) pointed at it. */
export interface Pipeline {
  fake: ImarouterFake;
  genhub: GenHub;
  /** Requests a generation as user u1 and waits for its final record. */
  run(input: { model: string; task: Task; params: Record<string, unknown> }): Promise<JobRecord>;
  close(): Promise<void>;
}

export async function startPipeline(options: { pendingPolls?: number } = {}): Promise<Pipeline> {
  const fake = await startImarouterFake({ pendingPolls: options.pendingPolls ?? 1 });
  const genhub = await createGenHub(
    {
      dataDir: mkdtempSync(join(tmpdir(), 'genhub-imarouter-')),
      trustedOrigins: [fake.url],
      limits: {
        maxJobsInFlight: 1000,
        rate: {
          image: rate,
          speech: rate,
          music: rate,
          'image-to-video': rate,
          'text-to-video': rate,
          '3d': rate,
        },
      },
      jobs: { pollInitialMs: 5, pollMaxMs: 20 },
    },
    { plugins: [imarouterPlugin], env: fake.env, logger: silentLogger },
  );
  await genhub.start();
  await genhub.store.ledger.grant(user, 1_000_000_000);
  return {
    fake,
    genhub,
    async run(input) {
      const job = await genhub.generation.request({ userId: user.id, ...input });
      return settled(genhub, job);
    },
    async close() {
      await genhub.close();
      await fake.close();
    },
  };
}

/** Waits for the job to reach a terminal state and returns its final record. */
export function settled(genhub: GenHub, job: JobRecord, timeoutMs = 10_000): Promise<JobRecord> {
  return waitForJob(genhub, job, { timeoutMs });
}

/** The document example the fake answered a task's last poll with, and its amount, if any. */
export function lastAnswer(
  fake: ImarouterFake,
  taskId: string,
): { label: string; amountUsd: number | undefined } {
  const task = fake.tasks.get(taskId);
  const label = task?.answeredWith.at(-1) ?? '';
  const match = /^(\S+ \S+) (.+)$/.exec(label);
  const example = match ? fake.examples.operations[match[1]!]?.responses['200']?.[match[2]!] : undefined;
  const record = (example ?? {}) as { amount_usd?: unknown; data?: { amount_usd?: unknown } };
  const amount = record.amount_usd ?? record.data?.amount_usd;
  return { label, amountUsd: typeof amount === 'number' ? amount : undefined };
}

/**
 * Every POST the plugin sent the fake, with the document operation it follows: by path and model for
 * the shared task endpoints, by path for Midjourney and the asset library.
 */
export function sentRequests(fake: ImarouterFake): Array<{ operation: string; body: unknown }> {
  return fake.calls
    .filter((call) => call.method === 'POST')
    .map((call) => {
      const body = call.bodyJson as { model?: unknown } | undefined;
      const byPath = call.path.startsWith('/mj/') || call.path.startsWith('/v1/assets/');
      const operation = byPath
        ? `POST ${call.path}`
        : (fake.examples.createOperations[`POST ${call.path} ${String(body?.model)}`] ??
          `POST ${call.path} with unknown model ${String(body?.model)}`);
      return { operation, body: call.bodyJson };
    });
}

/**
 * A pipeline for the calling file's tests, started before them. After them, every request the plugin
 * sent is checked against the document's own schema for its operation, then the pipeline is closed.
 */
export function usePipeline(): () => Pipeline {
  const validator = createValidator();
  let pipeline: Pipeline | undefined;
  beforeAll(async () => {
    pipeline = await startPipeline();
  });
  afterAll(async () => {
    if (!pipeline) return;
    for (const { operation, body } of sentRequests(pipeline.fake)) {
      expect(validator.request(operation, body), operation).toEqual([]);
    }
    await pipeline.close();
  });
  return () => {
    if (!pipeline) throw new Error('The pipeline starts in beforeAll; use it inside a test.');
    return pipeline;
  };
}
