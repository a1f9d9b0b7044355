/** What an output that is text (where media was expected) looks like. */
export interface TextBody {
  format: 'JSON' | 'HTML' | 'XML' | 'plain text';
  /** Its first characters, whitespace collapsed and secrets hidden, for messages. */
  start: string;
}

/** How much of the output decides whether it is text. */
const TEXT_WINDOW = 4096;

/** Control bytes that never occur in text (the WHATWG sniffing standard's "binary data bytes"). */
function isBinaryByte(byte: number): boolean {
  return byte <= 0x08 || byte === 0x0b || (byte >= 0x0e && byte <= 0x1a) || (byte >= 0x1c && byte <= 0x1f);
}

/**
 * The output as text when its leading bytes are text (an error page, a JSON error, a plain message);
 * undefined for binary media. Every binary image, audio and video format has control bytes early on.
 */
export function textBody(bytes: Uint8Array, secrets: readonly string[] = []): TextBody | undefined {
  const window = bytes.subarray(0, TEXT_WINDOW);
  if (window.byteLength === 0 || window.some(isBinaryByte)) return undefined;
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(window)
    .replace(/^\uFEFF/, '')
    .trimStart();
  let start = text.replace(/\s+/g, ' ').slice(0, 60);
  for (const secret of secrets) start = start.split(secret).join('***');
  if (text.startsWith('{') || text.startsWith('[')) return { format: 'JSON', start };
  if (/^<(?:!doctype html|html|head|body)[\s>]/i.test(text)) return { format: 'HTML', start };
  if (text.startsWith('<')) return { format: 'XML', start };
  return { format: 'plain text', start };
}
