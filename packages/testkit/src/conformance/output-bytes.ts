import type { Output } from '@genhub/core';

/** How much of an output the checks read: enough to sniff its type and tell text from media. */
const SNIFF_BYTES = 64 * 1024;
const DOWNLOAD_TIMEOUT_MS = 10_000;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** An output with its leading bytes, when they could be read. */
export interface ReadOutput {
  /** 1-based, as messages name it. */
  number: number;
  output: Output;
  /** Up to the first 64 KiB; undefined when the output lives outside this machine. */
  bytes: Uint8Array | undefined;
  /** Why the bytes could not be read although they should have been (a fake URL answering 404, say). */
  unreadable: string | undefined;
}

/**
 * Reads the start of an output: bytes as given, a `data:` URL decoded, and a URL on this machine
 * (a fake's) downloaded. URLs elsewhere are not fetched: tests never leave 127.0.0.1.
 */
export async function readOutput(output: Output, number: number, signal: AbortSignal): Promise<ReadOutput> {
  const read = (bytes: Uint8Array | undefined, unreadable?: string): ReadOutput => ({
    number,
    output,
    bytes: bytes?.subarray(0, SNIFF_BYTES),
    unreadable,
  });
  if (output.kind === 'bytes') return read(output.data);
  let url: URL;
  try {
    url = new URL(output.url);
  } catch {
    return read(undefined);
  }
  if (url.protocol === 'data:') return read(decodeDataUrl(output.url));
  if (!['http:', 'https:'].includes(url.protocol) || !LOOPBACK_HOSTS.has(url.hostname))
    return read(undefined);
  try {
    const response = await fetch(url, {
      signal: AbortSignal.any([signal, AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS)]),
      ...(output.headers === undefined ? {} : { headers: output.headers }),
    });
    if (!response.ok) {
      await response.body?.cancel();
      return read(undefined, `its URL answered HTTP ${response.status}`);
    }
    return read(await readStart(response));
  } catch (error) {
    return read(
      undefined,
      `its URL could not be downloaded (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

async function readStart(response: Response): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let length = 0;
  while (length < SNIFF_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.byteLength;
  }
  await reader.cancel().catch(() => {});
  return new Uint8Array(Buffer.concat(chunks));
}

/** The start of a `data:` URL's content, or undefined when it is malformed. */
function decodeDataUrl(url: string): Uint8Array | undefined {
  const comma = url.indexOf(',');
  if (comma < 0) return undefined;
  const header = url.slice(5, comma);
  // Enough characters for SNIFF_BYTES, cut at a multiple of 4 for base64.
  const data = url.slice(comma + 1, comma + 1 + Math.ceil((SNIFF_BYTES * 4) / 3 / 4) * 4);
  if (/;base64$/i.test(header)) return new Uint8Array(Buffer.from(data, 'base64'));
  try {
    return new TextEncoder().encode(decodeURIComponent(data));
  } catch {
    return undefined;
  }
}
