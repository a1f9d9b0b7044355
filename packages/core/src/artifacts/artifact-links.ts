import { createHmac, timingSafeEqual } from 'node:crypto';

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

/**
 * Signed, expiring links to stored results (`/files/<job>/<artifact>?expires=...&sig=...`), for files
 * a chat cannot carry (over its upload limit, past its file count). GenHub's HTTP server serves them.
 */
export interface ArtifactLinks {
  url(jobId: string, artifactId: string): string;
  /** True when the link is genuine and not yet expired. */
  verify(query: ArtifactLinkQuery): boolean;
}

export function createArtifactLinks(options: ArtifactLinksOptions): ArtifactLinks {
  const base = options.baseUrl.replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const sign = (jobId: string, artifactId: string, expires: string) =>
    createHmac('sha256', options.secret).update(`${jobId}/${artifactId}/${expires}`).digest('base64url');
  return {
    url(jobId, artifactId) {
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
