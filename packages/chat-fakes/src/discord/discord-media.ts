/** What Discord's CDN reports about a file: its type, and for images their size in pixels. */
export interface MediaInfo {
  contentType: string;
  width?: number;
  height?: number;
}

const BY_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json',
  glb: 'model/gltf-binary',
  zip: 'application/zip',
};

/**
 * The content type (the declared one unless it is the generic octet-stream, else sniffed from the bytes,
 * else from the file name's extension) and, for PNG, JPEG, GIF and WebP, the size in pixels.
 */
export function mediaInfo(bytes: Uint8Array, filename: string, given?: string): MediaInfo {
  const sniffed = sniff(bytes);
  const extension = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  const declared = given === 'application/octet-stream' ? undefined : given;
  const contentType =
    declared || sniffed?.contentType || BY_EXTENSION[extension] || given || 'application/octet-stream';
  const info: MediaInfo = { contentType };
  if (sniffed?.width !== undefined && sniffed.height !== undefined) {
    info.width = sniffed.width;
    info.height = sniffed.height;
  }
  return info;
}

function sniff(b: Uint8Array): MediaInfo | undefined {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const ascii = (at: number, length: number) => String.fromCharCode(...b.subarray(at, at + length));
  if (b.length >= 24 && b[0] === 0x89 && ascii(1, 3) === 'PNG') {
    return { contentType: 'image/png', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (b.length >= 10 && ascii(0, 4) === 'GIF8') {
    return { contentType: 'image/gif', width: view.getUint16(6, true), height: view.getUint16(8, true) };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpeg(b, view);
  if (b.length >= 30 && ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') return webp(b, view, ascii);
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WAVE') return { contentType: 'audio/wav' };
  if (b.length >= 12 && ascii(4, 4) === 'ftyp') return { contentType: 'video/mp4' };
  if (b.length >= 4 && ascii(0, 4) === 'glTF') return { contentType: 'model/gltf-binary' };
  if (b.length >= 3 && (ascii(0, 3) === 'ID3' || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0))) {
    return { contentType: 'audio/mpeg' };
  }
  return undefined;
}

function jpeg(b: Uint8Array, view: DataView): MediaInfo {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) break;
    const marker = b[at + 1] ?? 0;
    const length = view.getUint16(at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      return { contentType: 'image/jpeg', height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    at += 2 + length;
  }
  return { contentType: 'image/jpeg' };
}

function webp(b: Uint8Array, view: DataView, ascii: (at: number, length: number) => string): MediaInfo {
  const chunk = ascii(12, 4);
  if (chunk === 'VP8X') {
    const width = 1 + ((b[24] ?? 0) | ((b[25] ?? 0) << 8) | ((b[26] ?? 0) << 16));
    const height = 1 + ((b[27] ?? 0) | ((b[28] ?? 0) << 8) | ((b[29] ?? 0) << 16));
    return { contentType: 'image/webp', width, height };
  }
  if (chunk === 'VP8 ') {
    return {
      contentType: 'image/webp',
      width: view.getUint16(26, true) & 0x3fff,
      height: view.getUint16(28, true) & 0x3fff,
    };
  }
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { contentType: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  return { contentType: 'image/webp' };
}
