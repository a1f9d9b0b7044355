import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListMultipartUploadsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createGenHub, createSqliteStore, GenHubError } from '@genhub/core';
import { testServiceUrl } from '@genhub/testkit';
import { testArtifactStore } from '@genhub/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { createS3ArtifactStore, DefaultS3Upload, type S3ArtifactStoreOptions } from './s3-artifact-store.js';

const endpoint = testServiceUrl('s3');
const options: S3ArtifactStoreOptions = {
  bucket: process.env.GENHUB_TEST_S3_BUCKET ?? 'genhub-test',
  endpoint,
  region: process.env.GENHUB_TEST_S3_REGION ?? 'us-east-1',
  forcePathStyle: true,
  credentials: {
    accessKeyId: process.env.GENHUB_TEST_S3_ACCESS_KEY_ID ?? 'S3RVER',
    secretAccessKey: process.env.GENHUB_TEST_S3_SECRET_ACCESS_KEY ?? 'S3RVER',
  },
};

/** Objects and unfinished multipart uploads under a job's prefix. */
async function leftovers(client: S3Client, jobId: string): Promise<string[]> {
  const prefix = `${jobId}/`;
  const objects = await client.send(new ListObjectsV2Command({ Bucket: options.bucket, Prefix: prefix }));
  // s3rver cannot list unfinished uploads (NotImplemented); MinIO and AWS can.
  const uploads = await client
    .send(new ListMultipartUploadsCommand({ Bucket: options.bucket, Prefix: prefix }))
    .catch((error: unknown) => {
      if ((error as Error).name === 'NotImplemented') return { Uploads: [] };
      throw error;
    });
  return [
    ...(objects.Contents ?? []).map((object) => object.Key ?? ''),
    ...(uploads.Uploads ?? []).map((upload) => `${upload.Key ?? ''} (unfinished upload)`),
  ];
}

describe.runIf(endpoint)('S3 artifact store', () => {
  testArtifactStore({
    name: 's3',
    // Past two parts, so the file goes up as a multipart upload.
    largeFileBytes: 2 * DefaultS3Upload.partSizeBytes + 123_456,
    async create() {
      const client = new S3Client({
        endpoint: endpoint as string,
        region: options.region as string,
        forcePathStyle: true,
        ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
      });
      const store = createS3ArtifactStore(options);
      return {
        store,
        leftovers: (jobId) => leftovers(client, jobId),
        async cleanup() {
          await store.close?.();
          client.destroy();
        },
      };
    },
  });

  it("makes GenHub's result links presigned, with the configured lifetime and how to show each file", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'genhub-s3-links-'));
    const genhub = await createGenHub(
      { dataDir, linkTtlHours: 24 },
      {
        plugins: [],
        artifacts: createS3ArtifactStore(options),
        store: await createSqliteStore({ file: ':memory:' }),
      },
    );
    try {
      const jobId = `job-${randomUUID()}`;
      const page = await genhub.artifacts.put({
        jobId,
        source: new TextEncoder().encode('<!doctype html><p>hi</p>'),
        declaredMediaType: 'text/html',
        maxBytes: 1024,
        role: 'primary',
      });
      const link = new URL(await genhub.links.url(jobId, page));
      expect(link.origin).toBe(endpoint);
      expect(link.searchParams.get('X-Amz-Expires')).toBe(String(24 * 3600));
      const response = await fetch(link);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="${jobId}-${page.id}.html"`,
      );
      expect(await response.text()).toBe('<!doctype html><p>hi</p>');
      expect(genhub.links.verify({ jobId, artifactId: page.id, expires: '9999999999', signature: 'x' })).toBe(
        false,
      );
      await genhub.artifacts.remove(jobId);
    } finally {
      await genhub.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('presigns links for the public endpoint while it talks to the bucket on another', async () => {
    const store = createS3ArtifactStore({ ...options, publicEndpoint: 'https://files.example.com' });
    try {
      const jobId = `job-${randomUUID()}`;
      const record = await store.put({
        jobId,
        source: new Uint8Array([1, 2, 3]),
        maxBytes: 10,
        role: 'primary',
      });
      const link = new URL(
        await store.presignedUrl!(record.key, {
          expiresInSeconds: 60,
          mediaType: record.mediaType,
          fileName: 'x.bin',
          disposition: 'attachment',
        }),
      );
      expect(link.origin).toBe('https://files.example.com');
      expect(link.pathname).toBe(`/${options.bucket}/${record.key}`);
      await store.remove(jobId);
    } finally {
      await store.close?.();
    }
  });

  it('keeps every object of a store with a prefix inside that folder, where a store without it sees none', async () => {
    const prefix = `installation-${randomUUID()}/results`;
    const store = createS3ArtifactStore({ ...options, prefix });
    const unprefixed = createS3ArtifactStore(options);
    const client = new S3Client({
      endpoint: endpoint as string,
      region: options.region as string,
      forcePathStyle: true,
      ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    });
    try {
      const jobId = `job-${randomUUID()}`;
      const bytes = new TextEncoder().encode('a result in a shared bucket');
      const record = await store.put({ jobId, source: bytes, maxBytes: 1024, role: 'primary' });
      expect(record.key.startsWith(`${jobId}/`)).toBe(true);
      expect(store.location).toBe(`s3://${options.bucket}/${prefix}`);
      expect(await leftovers(client, `${prefix}/${jobId}`)).toEqual([`${prefix}/${record.key}`]);
      expect(await leftovers(client, jobId)).toEqual([]);
      expect(await unprefixed.stat(record.key)).toBeUndefined();

      expect(await store.stat(record.key)).toEqual({ bytes: bytes.length });
      const chunks: Uint8Array[] = [];
      for await (const chunk of store.read(record.key)) chunks.push(chunk);
      expect(Buffer.concat(chunks).toString()).toBe('a result in a shared bucket');
      const link = await store.presignedUrl!(record.key, {
        expiresInSeconds: 60,
        mediaType: record.mediaType,
        fileName: 'result.txt',
        disposition: 'inline',
      });
      expect(new URL(link).pathname).toBe(`/${options.bucket}/${prefix}/${record.key}`);
      expect(await (await fetch(link)).text()).toBe('a result in a shared bucket');
      await store.checkWritable?.();

      // Removing a job in one installation leaves another's object under the same job folder alone.
      const other = await unprefixed.put({ jobId, source: bytes, maxBytes: 1024, role: 'primary' });
      await store.remove(jobId);
      expect(await leftovers(client, `${prefix}/${jobId}`)).toEqual([]);
      expect(await unprefixed.stat(other.key)).toEqual({ bytes: bytes.length });
      await unprefixed.remove(jobId);
      expect(await leftovers(client, prefix)).toEqual([]);
    } finally {
      await store.close?.();
      await unprefixed.close?.();
      client.destroy();
    }
  });

  it('fails in one sentence naming the bucket and the settings, never a credential', async () => {
    const store = createS3ArtifactStore({ ...options, bucket: 'no-such-bucket-genhub' });
    try {
      const probe = await store.checkWritable?.().then(
        () => undefined,
        (error: unknown) => error,
      );
      const put = await store
        .put({ jobId: 'job-1', source: new Uint8Array([1, 2, 3]), maxBytes: 10, role: 'primary' })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      for (const error of [probe, put]) {
        if (!GenHubError.isInstance(error)) throw new Error(`expected a GenHubError, got ${String(error)}`);
        expect(error.message).toMatch(
          /^The (result could not be saved to the bucket|bucket) no-such-bucket-genhub.*\(NoSuchBucket\); check GENHUB_S3_BUCKET, GENHUB_S3_ENDPOINT and the AWS credentials\.$/,
        );
        expect(error.message).not.toContain(
          options.credentials && 'secretAccessKey' in options.credentials
            ? options.credentials.secretAccessKey
            : '?',
        );
      }
    } finally {
      await store.close?.();
    }
  });

  it('says so in one sentence when the server cannot be reached', async () => {
    const store = createS3ArtifactStore({ ...options, endpoint: 'http://127.0.0.1:9' });
    try {
      const error = await store.checkWritable?.().then(
        () => undefined,
        (e: unknown) => e,
      );
      if (!GenHubError.isInstance(error)) throw new Error(`expected a GenHubError, got ${String(error)}`);
      expect(error.message).toMatch(/^The bucket \S+ cannot be written \(.+\); check GENHUB_S3_BUCKET/);
      expect(error.retryable).toBe(true);
    } finally {
      await store.close?.();
    }
  });
});
