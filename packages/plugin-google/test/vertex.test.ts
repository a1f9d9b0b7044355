import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenHub, createMemoryLogger, type GenHub } from '@genhub/core';
import { waitForJob } from '@genhub/testkit';
import { testProvider } from '@genhub/testkit/vitest';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { googlePlugin } from '../src/google-plugin.js';
import { startFakeVertexApi, VERTEX_PROJECT } from './fake-vertex-api.js';
import { GRANT_MICROS, user } from './harness.js';

// Vertex AI mode: a service-account key file, a signed JWT for an OAuth token, the videos inline.
const fake = await startFakeVertexApi();
afterAll(() => fake.close());
// The suite looks for leaks of the configured apiKey: one is set, and the key file wins over it.
const vertexConfig = {
  apiKey: 'AIzaSy-unused-when-vertex-0123456789',
  serviceAccountKeyFile: fake.keyFile,
  vertexBaseUrl: fake.url,
  vertexLocation: 'us-central1',
};
const request = {
  model: 'google/veo-3.1-fast-generate-001',
  task: 'text-to-video',
  params: { prompt: 'a red kite' },
} as const;

testProvider({
  plugin: googlePlugin,
  fake: {
    start: async () => ({ config: vertexConfig, server: fake.server, close: async () => {} }),
    scenarios: {
      success: { request, arrange: () => fake.plan({ runningPolls: 0, ending: 'succeeded' }) },
      pendingThenSucceeded: { request, arrange: () => fake.plan({ runningPolls: 2, ending: 'succeeded' }) },
      pendingThenFailed: {
        request,
        arrange: () => fake.plan({ runningPolls: 1, ending: { code: 13, message: 'Internal error.' } }),
      },
      failure: {
        request,
        arrange: () => fake.plan({ runningPolls: 0, ending: 'filtered' }),
        expect: { code: 'CONTENT_REJECTED' },
      },
      rateLimit: {
        request,
        arrange: () =>
          fake.server.route(
            'POST /v1/projects/:project/locations/:location/publishers/google/models/:modelAction',
            {
              status: 429,
              headers: { 'retry-after': '2' },
              json: {
                error: {
                  code: 429,
                  message: 'Quota exceeded for aiplatform.googleapis.com.',
                  status: 'RESOURCE_EXHAUSTED',
                },
              },
            },
          ),
        expect: { code: 'RATE_LIMITED', retryAfterSeconds: 2 },
      },
    },
  },
  supports: { cancel: false },
  requests: {
    'google/veo-3.1-generate-001': {
      params: { prompt: 'a glass city', seed: 1234, generateAudio: false },
      sends: { parameters: { seed: 1234, generateAudio: false } },
    },
  },
});

describe('Vertex AI through the pipeline', () => {
  let genhub: GenHub | undefined;
  beforeEach(() => {
    fake.server.reset();
    fake.plan({ runningPolls: 1, ending: 'succeeded' });
  });
  afterEach(async () => {
    await genhub?.close();
    genhub = undefined;
  });

  async function start(keyFile = fake.keyFile) {
    const { logger, lines } = createMemoryLogger();
    genhub = await createGenHub(
      {
        dataDir: mkdtempSync(join(tmpdir(), 'veo-vertex-genhub-')),
        trustedOrigins: [fake.url],
        jobs: { pollInitialMs: 5, pollMaxMs: 20 },
      },
      {
        plugins: [googlePlugin],
        env: {
          GENHUB_GOOGLE_SERVICE_ACCOUNT_KEY_FILE: keyFile,
          GENHUB_GOOGLE_VERTEX_BASE_URL: fake.url,
        },
        logger,
      },
    );
    await genhub.start();
    await genhub.store.ledger.grant(user, GRANT_MICROS);
    return { logs: lines };
  }

  it('lists the Vertex AI model ids, signs in once, stores the inline video and charges the estimate', async () => {
    const { logs } = await start();
    const job = await genhub!.generation.request({
      userId: user.id,
      model: 'google/veo-3.1-generate-001',
      task: 'text-to-video',
      params: { prompt: 'a harbour at dawn', duration: 4, seed: 7 },
    });
    const done = await waitForJob(genhub!, job, { timeoutMs: 10_000 });
    expect(done.error).toBeNull();
    expect(done.state).toBe('succeeded');
    expect(done.outputs.map((output) => output.mediaType)).toEqual(['video/mp4']);
    expect(done.chargedMicros).toBe(1_600_000);
    expect(fake.server.callsTo('POST /token')).toHaveLength(1);
    const calls = fake.server.callsTo(
      'POST /v1/projects/:project/locations/:location/publishers/google/models/:modelAction',
    );
    expect(calls[0]?.path).toBe(
      `/v1/projects/${VERTEX_PROJECT}/locations/us-central1/publishers/google/models/veo-3.1-generate-001:predictLongRunning`,
    );
    expect(calls[0]?.bodyJson).toMatchObject({
      parameters: { seed: 7, generateAudio: true, durationSeconds: 4 },
    });
    expect(calls[1]?.path).toMatch(/veo-3\.1-generate-001:fetchPredictOperation$/);
    expect(calls[1]?.bodyJson).toEqual({ operationName: (done.remoteRef as { id: string }).id });
    const logged = JSON.stringify(logs);
    expect(logged).not.toContain(fake.accessToken);
    expect(logged).not.toContain('PRIVATE KEY');
  });

  it('a token endpoint refusing the signed assertion is AUTH naming the key file setting, refunded', async () => {
    await start();
    fake.server.route('POST /token', {
      status: 400,
      json: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' },
    });
    const job = await genhub!.generation.request({
      userId: user.id,
      model: 'google/veo-3.1-fast-generate-001',
      task: 'text-to-video',
      params: { prompt: 'a harbour at dawn' },
    });
    const done = await waitForJob(genhub!, job, { timeoutMs: 10_000 });
    expect(done.state).toBe('failed');
    expect(done.error?.code).toBe('AUTH');
    expect(done.error?.details).toMatchObject({ setting: 'GENHUB_GOOGLE_SERVICE_ACCOUNT_KEY_FILE' });
    expect(await genhub!.store.ledger.balance(user)).toMatchObject({
      availableMicros: GRANT_MICROS,
      reservedMicros: 0,
    });
  });

  it('a missing key file stops the start with a configuration error naming the setting', async () => {
    await expect(start('/nonexistent/veo-key.json')).rejects.toThrow(
      /GENHUB_GOOGLE_SERVICE_ACCOUNT_KEY_FILE/,
    );
  });
});
