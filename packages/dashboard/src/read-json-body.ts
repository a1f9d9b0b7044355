import type { IncomingMessage } from 'node:http';

/** The most a dashboard request body may hold: a grant or a block is a few hundred bytes. */
const MAX_BODY_BYTES = 16 * 1024;

/** The request's JSON body, or undefined when it is not JSON, too large or unreadable. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
