import { fileTypeFromBuffer } from 'file-type';

/** What a file is, broadly: how a chat front end presents it. SVG is `vector`, not `image`. */
export type MediaKind = 'image' | 'video' | 'audio' | 'model3d' | 'vector' | 'other';

export const OCTET_STREAM = 'application/octet-stream';

/** Declared types that say nothing, so they never stand in for sniffing. */
const UNINFORMATIVE = new Set([
  OCTET_STREAM,
  'binary/octet-stream',
  'application/unknown',
  'application/binary',
]);

/**
 * The media type of a file from its leading bytes (give at least 4100 when there are that many).
 * The bytes win over what the server or provider declared; the declared type is used only when the
 * bytes match nothing known, and `application/octet-stream` when there is neither.
 */
export async function sniffMediaType(firstBytes: Uint8Array, declared?: string): Promise<string> {
  const detected = await detectMediaType(firstBytes);
  if (detected !== undefined) return detected;
  const fallback = declared === undefined ? undefined : essence(declared);
  if (fallback !== undefined && fallback !== '' && !UNINFORMATIVE.has(fallback)) return fallback;
  return looksLikeText(firstBytes) ? 'text/plain' : OCTET_STREAM;
}

/** The media type the bytes themselves prove, or undefined: file-type's magic numbers plus the text formats it misses. */
export async function detectMediaType(firstBytes: Uint8Array): Promise<string | undefined> {
  if (firstBytes.byteLength === 0) return undefined;
  const found = await fileTypeFromBuffer(firstBytes).catch(() => undefined);
  if (found !== undefined && found.mime !== 'application/xml') return found.mime;
  if (startsWith(firstBytes, GLTF_MAGIC)) return 'model/gltf-binary';
  const text = leadingText(firstBytes);
  if (isSvg(text)) return 'image/svg+xml';
  if (found !== undefined) return found.mime;
  if (isHtml(text)) return 'text/html';
  return undefined;
}

/** The broad kind of a media type (parameters ignored). */
export function mediaKind(mediaType: string): MediaKind {
  const type = essence(mediaType);
  if (type === 'image/svg+xml') return 'vector';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/') || type === 'application/ogg') return 'audio';
  if (type.startsWith('model/')) return 'model3d';
  return 'other';
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/apng': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'image/bmp': 'bmp',
  'image/tiff': 'tif',
  'image/x-icon': 'ico',
  'image/vnd.microsoft.icon': 'ico',
  'image/jxl': 'jxl',
  'image/svg+xml': 'svg',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
  'video/matroska': 'mkv',
  'video/x-matroska': 'mkv',
  'video/ogg': 'ogv',
  'video/vnd.avi': 'avi',
  'video/x-msvideo': 'avi',
  'video/x-m4v': 'm4v',
  'video/mpeg': 'mpg',
  'video/3gpp': '3gp',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/wav': 'wav',
  'audio/wave': 'wav',
  'audio/x-wav': 'wav',
  'audio/vnd.wave': 'wav',
  'audio/ogg': 'ogg',
  'audio/opus': 'opus',
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
  'audio/aac': 'aac',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/aiff': 'aiff',
  'audio/webm': 'weba',
  'audio/midi': 'mid',
  'application/ogg': 'ogg',
  'model/gltf-binary': 'glb',
  'model/gltf+json': 'gltf',
  'model/obj': 'obj',
  'model/stl': 'stl',
  'model/3mf': '3mf',
  'model/vnd.usdz+zip': 'usdz',
  'model/fbx': 'fbx',
  'application/zip': 'zip',
  'application/json': 'json',
  'application/pdf': 'pdf',
  'application/xml': 'xml',
  'text/plain': 'txt',
  'text/html': 'html',
};

/** A file name extension for a media type, without the dot; `bin` for anything unknown. */
export function extensionFor(mediaType: string): string {
  const type = essence(mediaType);
  if (type === 'audio/ogg' && /codecs\s*=\s*"?opus/i.test(mediaType)) return 'opus';
  return EXTENSIONS[type] ?? 'bin';
}

/** Extension -> media type: the first type listed above for each extension. */
const TYPES_BY_EXTENSION: ReadonlyMap<string, string> = new Map(
  Object.entries(EXTENSIONS)
    .reverse()
    .map(([type, extension]) => [extension, type] as const),
);

/**
 * The media type for a file name extension or a format name a provider gives (`png`, `.JPG`,
 * `jpeg`, `mp3`); undefined for one not known. With `kind`, only a type of that kind: a speech
 * result's format `mpeg` is no video.
 */
export function mediaTypeForExtension(extension: string, kind?: MediaKind): string | undefined {
  const key = extension.trim().toLowerCase().replace(/^\./, '');
  const type = TYPES_BY_EXTENSION.get(ALIASES[key] ?? key);
  return type === undefined || kind === undefined || mediaKind(type) === kind ? type : undefined;
}

/** Other spellings of extensions, as providers write formats. */
const ALIASES: Readonly<Record<string, string>> = {
  jpeg: 'jpg',
  tiff: 'tif',
  mpeg: 'mpg',
  wave: 'wav',
  ogg_opus: 'ogg',
};

/** `Image/PNG; charset=x` -> `image/png`. */
export function essence(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}

const GLTF_MAGIC = [0x67, 0x6c, 0x54, 0x46]; // "glTF"

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

/** The leading bytes as text, without a UTF-8 BOM or leading whitespace, lower-cased. */
function leadingText(bytes: Uint8Array): string {
  const start = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  return new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(start, start + 4100))
    .trimStart()
    .toLowerCase();
}

/** `<svg ...`, or an XML prolog, comments or a doctype and then `<svg` within the sniffed bytes. */
function isSvg(text: string): boolean {
  if (/^<svg[\s>/]/.test(text)) return true;
  if (!text.startsWith('<?xml') && !text.startsWith('<!--') && !text.startsWith('<!doctype svg'))
    return false;
  return (
    /<svg[\s>/]/.test(text) &&
    /^(?:<\?xml[\s\S]*?\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!doctype[^>]*>\s*)*<svg/.test(text)
  );
}

/** The tags the WHATWG MIME sniffing algorithm takes for HTML. */
const HTML_START =
  /^<(?:!doctype html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|!--)[\s>]/;

function isHtml(text: string): boolean {
  return HTML_START.test(text);
}

/** No bytes that the WHATWG algorithm calls binary (control characters other than whitespace and ESC). */
function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.byteLength === 0) return false;
  for (const byte of bytes.subarray(0, 4100)) {
    if (byte <= 0x08 || byte === 0x0b || (byte >= 0x0e && byte <= 0x1a) || (byte >= 0x1c && byte <= 0x1f)) {
      return false;
    }
  }
  return true;
}
