import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type GenHub, mediaKind, servedAs } from '@genhub/core';

/**
 * What a browser may do with a served file that is markup (an SVG, or anything not plainly media):
 * draw it with its own inline styles and inline pictures, run nothing, load nothing, and treat it
 * as a unique origin (`sandbox`), so even a file the sanitizer missed cannot script GenHub's host.
 */
export const MARKUP_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

/**
 * `GET /files/<job>/<artifact>?expires=...&sig=...`: a stored result behind a signed, expiring link
 * (the links chat sends for files it cannot attach). Anything else about the link is a 404, so a
 * guess learns nothing.
 */
export async function serveArtifact(
  genhub: Pick<GenHub, 'links' | 'generation' | 'artifacts'>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const [, , jobId = '', artifactId = ''] = url.pathname.split('/');
  const notFound = () => {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('This link is not valid or has expired; ask for the job again with /job.\n');
  };
  const jobKey = decode(jobId);
  const artifactKey = decode(artifactId);
  if (jobKey === undefined || artifactKey === undefined) return notFound();
  const genuine = genhub.links.verify({
    jobId: jobKey,
    artifactId: artifactKey,
    expires: url.searchParams.get('expires') ?? undefined,
    signature: url.searchParams.get('sig') ?? undefined,
  });
  if (!genuine) return notFound();
  const job = await genhub.generation.get(jobKey);
  const artifact = job?.outputs.find((output) => output.id === artifactKey);
  if (!job || !artifact) return notFound();
  const kind = mediaKind(artifact.mediaType);
  const isMarkup = kind === 'vector' || kind === 'other';
  const { fileName, disposition } = servedAs(job.id, artifact);
  response.writeHead(200, {
    'content-type': artifact.mediaType,
    'content-length': String(artifact.bytes),
    'content-disposition': `${disposition}; filename="${fileName}"`,
    'cache-control': 'private, max-age=3600',
    'x-content-type-options': 'nosniff',
    ...(isMarkup ? { 'content-security-policy': MARKUP_CONTENT_SECURITY_POLICY } : {}),
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await pipeline(Readable.from(genhub.artifacts.read(artifact.key)), response);
}

/** A path segment decoded, or undefined when its escapes are malformed (`%E0%A4%A`). */
function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
