import { createHmac, timingSafeEqual } from 'node:crypto';
import { extensionFor, mediaKind } from '@genhub/provider';
import type { ArtifactRecord } from '../jobs/job.js';
import type { ArtifactStore } from './artifact-store.js';

export interface ArtifactLinksOptions {
  /** Where GenHub's HTTP server is reachable from the outside, such as `https://genhub.example.com`. */
  baseUrl: string;
  /** Signs links so they cannot be guessed or altered; keep it secret and stable across restarts. */
  secret: string | Uint8Array;
  /** How long a link works. */
  ttlMs: number;
  now?: () => number;
}

/** The parts of a link the server checks. */
export interface ArtifactLinkQuery {
  jobId: string;
  artifactId: string;
  expires: string | undefined;
  signature: string | undefined;
}

/** What a link needs to know of a stored result. */
export type LinkedArtifact = Pick<ArtifactRecord, 'id' | 'key' | 'mediaType'>;

/**
 * Expiring links to stored results, for files a chat cannot carry (over its upload limit, past its
 * file count): signed links to GenHub's HTTP server (`/files/<job>/<artifact>?expires=...&sig=...`),
 * or links presigned by the store itself (a bucket), which users fetch from it directly.
 */
export interface ArtifactLinks {
  url(jobId: string, artifact: LinkedArtifact): Promise<string>;
  /** True when a link to GenHub's server is genuine and not yet expired (never for presigned links). */
  verify(query: ArtifactLinkQuery): boolean;
}

/** How a browser should treat a served result: pictures, video, audio and SVG open, anything else downloads. */
export function servedAs(
  jobId: string,
  artifact: LinkedArtifact,
): { fileName: string; disposition: 'inline' | 'attachment' } {
  return {
    fileName: `${jobId}-${artifact.id}.${extensionFor(artifact.mediaType)}`,
    disposition: mediaKind(artifact.mediaType) === 'other' ? 'attachment' : 'inline',
  };
}

export function createArtifactLinks(options: ArtifactLinksOptions): ArtifactLinks {
  const base = options.baseUrl.replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const sign = (jobId: string, artifactId: string, expires: string) =>
    createHmac('sha256', options.secret).update(`${jobId}/${artifactId}/${expires}`).digest('base64url');
  return {
    async url(jobId, { id: artifactId }) {
      const expires = String(Math.floor((now() + options.ttlMs) / 1000));
      const path = `${encodeURIComponent(jobId)}/${encodeURIComponent(artifactId)}`;
      return `${base}/files/${path}?expires=${expires}&sig=${sign(jobId, artifactId, expires)}`;
    },
    verify({ jobId, artifactId, expires, signature }) {
      if (expires === undefined || signature === undefined || !/^\d{1,12}$/.test(expires)) return false;
      if (Number(expires) * 1000 <= now()) return false;
      const expected = Buffer.from(sign(jobId, artifactId, expires));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

/** Links presigned by a store that makes them, valid for `ttlMs` (in whole seconds). */
export function createPresignedArtifactLinks(
  presign: NonNullable<ArtifactStore['presignedUrl']>,
  ttlMs: number,
): ArtifactLinks {
  const expiresInSeconds = Math.max(1, Math.floor(ttlMs / 1000));
  return {
    url: (jobId, artifact) =>
      presign(artifact.key, {
        expiresInSeconds,
        mediaType: artifact.mediaType,
        ...servedAs(jobId, artifact),
      }),
    verify: () => false,
  };
}
