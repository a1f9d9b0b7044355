import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { type ArtifactRecord, type ArtifactStore, artifactKey, jobFolder } from '@genhub/core';
import { GenHubError, sniffMediaType } from '@genhub/provider';
import { MeasuredSource } from './measured-source.js';

export interface S3ArtifactStoreOptions {
  bucket: string;
  /** An S3-compatible server (MinIO, R2, ...); AWS's own endpoint unless set. */
  endpoint?: string | undefined;
  /** Where users reach the bucket, for presigned links, when it is not `endpoint`. */
  publicEndpoint?: string | undefined;
  /** The SDK's region chain (AWS_REGION, a profile) unless set; `us-east-1` with an endpoint. */
  region?: string | undefined;
  /** `host/bucket/key` addressing, as most self-hosted servers need. */
  forcePathStyle?: boolean | undefined;
  /** A folder in the bucket (`team-a/genhub`) that holds every object, so several installations can share one bucket. */
  prefix?: string | undefined;
  /** Fixed credentials (tests); the SDK's default chain unless set. */
  credentials?: S3ClientConfig['credentials'];
}

/** How uploads are cut: parts this large, this many in flight (so at most their product in memory). */
export const DefaultS3Upload = {
  partSizeBytes: 8 * 1024 * 1024,
  queueSize: 2,
} as const satisfies Record<string, number>;

/** Keys DeleteObjects takes in one request. */
const DELETE_BATCH = 1000;
/** Where doctor's probe goes: starts with a dot, so it is never a job's folder. */
const PROBE_FOLDER = '.genhub-probe';

/**
 * Artifacts in an S3-compatible bucket, under the same keys as on disk (`<jobId>/<artifactId>.<ext>`),
 * inside `prefix` when given (the records keep the keys without it).
 * A file streams to the bucket as it arrives (a multipart upload past one part), counted and hashed
 * on the way; past `maxBytes` the upload is aborted and nothing is kept. The media type is sniffed
 * from the first bytes before the upload starts, so the key and Content-Type are right from the
 * start. Links are presigned GET URLs that users fetch from the bucket directly.
 */
export function createS3ArtifactStore(options: S3ArtifactStoreOptions): ArtifactStore {
  const { bucket } = options;
  const region = options.region ?? (options.endpoint === undefined ? undefined : 'us-east-1');
  const clientFor = (endpoint: string | undefined) =>
    new S3Client({
      ...(region === undefined ? {} : { region }),
      ...(endpoint === undefined ? {} : { endpoint }),
      ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
      forcePathStyle: options.forcePathStyle ?? false,
    });
  const client = clientFor(options.endpoint);
  // Presigning is done offline, so links can name a host this process does not use itself.
  const presigner = options.publicEndpoint === undefined ? client : clientFor(options.publicEndpoint);
  const { prefix } = options;
  /** Where an artifact's key lives in the bucket. */
  const objectKey = (key: string) => (prefix ? `${prefix}/${key}` : key);
  const location = prefix ? `s3://${bucket}/${prefix}` : `s3://${bucket}`;

  return {
    location,
    async put(input) {
      const jobId = jobFolder(input.jobId);
      const { signal } = input;
      const measured = new MeasuredSource(input.source, input.maxBytes, signal);
      try {
        signal?.throwIfAborted();
        const head = await measured.readHead();
        if (measured.bytes === 0) {
          throw new GenHubError('INVALID_INPUT', 'The result is an empty file.', { retryable: false });
        }
        const id = randomUUID();
        const mediaType = await sniffMediaType(head, input.declaredMediaType);
        const key = artifactKey(jobId, id, mediaType);
        const upload = new Upload({
          client,
          params: {
            Bucket: bucket,
            Key: objectKey(key),
            Body: Readable.from(measured.all()),
            ContentType: mediaType,
          },
          partSize: DefaultS3Upload.partSizeBytes,
          queueSize: DefaultS3Upload.queueSize,
          leavePartsOnError: false,
        });
        await upload.done();
        return {
          id,
          key,
          mediaType,
          bytes: measured.bytes,
          sha256: measured.sha256(),
          role: input.role,
          ...(input.sourceUrl === undefined ? {} : { sourceUrl: input.sourceUrl }),
          ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
        } satisfies ArtifactRecord;
      } catch (error) {
        await measured.close();
        const cause = measured.failure ?? error;
        if (signal?.aborted && !(GenHubError.isInstance(cause) && cause.code === 'CANCELLED')) {
          throw new GenHubError('CANCELLED', 'The download was cancelled.', { cause });
        }
        if (GenHubError.isInstance(cause)) throw cause;
        throw bucketError(`The result could not be saved to the bucket ${bucket}`, cause);
      }
    },

    async stat(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
        return { bytes: head.ContentLength ?? 0 };
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw bucketError(`The bucket ${bucket} could not be read`, error);
      }
    },

    read(key) {
      return readObject(client, bucket, objectKey(key));
    },

    async remove(jobId) {
      const folder = objectKey(`${jobFolder(jobId)}/`);
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: folder,
            ...(token === undefined ? {} : { ContinuationToken: token }),
          }),
        );
        const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
        for (let start = 0; start < keys.length; start += DELETE_BATCH) {
          await client.send(
            new DeleteObjectsCommand({
              Bucket: bucket,
              Delete: { Objects: keys.slice(start, start + DELETE_BATCH), Quiet: true },
            }),
          );
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
    },

    presignedUrl(key, { expiresInSeconds, mediaType, fileName, disposition }) {
      const command = new GetObjectCommand({
        Bucket: bucket,
        Key: objectKey(key),
        ResponseContentType: mediaType,
        ResponseContentDisposition: `${disposition}; filename="${fileName}"`,
      });
      return getSignedUrl(presigner, command, { expiresIn: expiresInSeconds });
    },

    async checkWritable(signal) {
      const key = objectKey(`${PROBE_FOLDER}/${randomUUID()}.txt`);
      const abort = signal === undefined ? {} : { abortSignal: signal };
      try {
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: 'genhub doctor probe',
            ContentType: 'text/plain',
          }),
          abort,
        );
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }), abort);
      } catch (error) {
        throw bucketError(`The bucket ${bucket} cannot be written`, error);
      }
    },

    async close() {
      client.destroy();
      if (presigner !== client) presigner.destroy();
    },
  };
}

async function* readObject(client: S3Client, bucket: string, key: string): AsyncGenerator<Uint8Array> {
  let body: Readable;
  try {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    body = object.Body as Readable;
  } catch (error) {
    if (statusOf(error) === 404) {
      throw new GenHubError('INTERNAL', `The stored file ${key} is missing from the bucket ${bucket}.`, {
        cause: error,
      });
    }
    throw bucketError(`The bucket ${bucket} could not be read`, error);
  }
  yield* body;
}

/**
 * One sentence about a failed bucket request: what failed, the server's error name (AccessDenied,
 * NoSuchBucket, a refused connection) and where to look; never a credential. Retryable unless the
 * server refused the request outright (a 4xx).
 */
function bucketError(what: string, error: unknown): GenHubError {
  const status = statusOf(error);
  const name = error instanceof Error ? (error.name === 'Error' ? error.message : error.name) : String(error);
  const reason = (error as { code?: string }).code ?? name;
  return new GenHubError(
    'INTERNAL',
    `${what} (${reason}); check GENHUB_S3_BUCKET, GENHUB_S3_ENDPOINT and the AWS credentials.`,
    { retryable: status === undefined || status >= 500, cause: error },
  );
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}
