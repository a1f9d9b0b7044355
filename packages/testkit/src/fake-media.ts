import { crc32, deflateSync } from 'node:zlib';

/** An RGB colour, each channel 0 to 255. */
export type Rgb = readonly [red: number, green: number, blue: number];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A valid PNG (8-bit RGB, no interlace) of `width` x `height` pixels, all of one colour. */
export function solidPng(width: number, height: number, color: Rgb): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`PNG size must be positive integers, got ${width}x${height}.`);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method
  header[12] = 0; // interlace: none
  const stride = 1 + width * 3;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y += 1) {
    // Each scanline starts with filter type 0 (none).
    for (let x = 0; x < width; x += 1) pixels.set(color, y * stride + 1 + x * 3);
  }
  return new Uint8Array(
    Buffer.concat([
      Buffer.from(PNG_SIGNATURE),
      pngChunk('IHDR', header),
      pngChunk('IDAT', deflateSync(pixels)),
      pngChunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

/** A colour that follows from a seed, the same every time. */
export function colorFromSeed(seed: number): Rgb {
  // A 32-bit integer hash (lowbias32), so neighbouring seeds give visibly different colours.
  let x = (seed >>> 0) ^ 0x9e3779b9;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return [(x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff];
}

export interface SineWavOptions {
  /** Hz; 440 unless given. */
  frequency?: number;
  /** Seconds; 0.25 unless given. */
  duration?: number;
  /** Samples per second; 8000 unless given. */
  sampleRate?: number;
}

/** A mono 16-bit PCM WAV of a sine tone at half volume. */
export function sineWav(options: SineWavOptions = {}): Uint8Array {
  const frequency = options.frequency ?? 440;
  const sampleRate = options.sampleRate ?? 8000;
  const samples = Math.max(1, Math.round((options.duration ?? 0.25) * sampleRate));
  const dataSize = samples * 2;
  const wav = Buffer.alloc(44 + dataSize);
  wav.write('RIFF', 0, 'latin1');
  wav.writeUInt32LE(36 + dataSize, 4);
  wav.write('WAVE', 8, 'latin1');
  wav.write('fmt ', 12, 'latin1');
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28); // byte rate
  wav.writeUInt16LE(2, 32); // block align
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write('data', 36, 'latin1');
  wav.writeUInt32LE(dataSize, 40);
  for (let i = 0; i < samples; i += 1) {
    const value = Math.round(Math.sin((2 * Math.PI * frequency * i) / sampleRate) * 0x3fff);
    wav.writeInt16LE(value, 44 + i * 2);
  }
  return new Uint8Array(wav);
}

/** The start of an MP4 file: an `ftyp` box (isom) and an empty `free` box. Enough to be sniffed as video/mp4. */
export function minimalMp4(): Uint8Array {
  const ftyp = Buffer.alloc(32);
  ftyp.writeUInt32BE(32, 0);
  ftyp.write('ftypisom', 4, 'latin1');
  ftyp.writeUInt32BE(0x200, 12); // minor version
  ftyp.write('isomiso2avc1mp41', 16, 'latin1'); // compatible brands
  const free = Buffer.alloc(8);
  free.writeUInt32BE(8, 0);
  free.write('free', 4, 'latin1');
  return new Uint8Array(Buffer.concat([ftyp, free]));
}

/** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding: 417 bytes and 26.1 ms per frame. */
const MP3_FRAME_HEADER = [0xff, 0xfb, 0x90, 0x00];
const MP3_FRAME_BYTES = 417;
export const MP3_FRAME_MS = 1152 / 44.1;

/** An MP3 of silent frames lasting about `durationMs`, which sniffs as `audio/mpeg`. */
export function silentMp3(durationMs: number): Uint8Array {
  const frames = Math.max(1, Math.round(durationMs / MP3_FRAME_MS));
  const bytes = new Uint8Array(frames * MP3_FRAME_BYTES);
  for (let frame = 0; frame < frames; frame += 1) bytes.set(MP3_FRAME_HEADER, frame * MP3_FRAME_BYTES);
  return bytes;
}

/** One JPEG segment: its marker, then its length (which counts itself) and payload. */
function jpegSegment(marker: number, payload: readonly number[]): Buffer {
  const segment = Buffer.alloc(4 + payload.length);
  segment.writeUInt16BE(marker, 0);
  segment.writeUInt16BE(payload.length + 2, 2);
  segment.set(payload, 4);
  return segment;
}

/**
 * A valid baseline JPEG of 8x8 mid-grey pixels (159 bytes): one greyscale block whose coefficients
 * are all zero, coded with one-symbol Huffman tables.
 */
export function minimalJpeg(): Uint8Array {
  const oneSymbolTable = (tableClass: number) =>
    jpegSegment(0xffc4, [tableClass, 1, ...Array(15).fill(0), 0]);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0xff, 0xd8]), // start of image
      jpegSegment(0xffe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]), // JFIF 1.1
      jpegSegment(0xffdb, [0, ...Array(64).fill(1)]), // quantisation table 0, all ones
      jpegSegment(0xffc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]), // 8x8, one component
      oneSymbolTable(0x00), // DC: the only code "0" means "no change"
      oneSymbolTable(0x10), // AC: the only code "0" means "end of block"
      jpegSegment(0xffda, [1, 1, 0x00, 0, 63, 0]), // start of scan
      Buffer.from([0x3f, 0xff, 0xd9]), // the block ("00", padded with ones), end of image
    ]),
  );
}

/** A valid binary glTF 2.0 (`.glb`) holding an empty scene. */
export function minimalGlb(generator = '@genhub/testkit'): Uint8Array {
  let json = Buffer.from(JSON.stringify({ asset: { version: '2.0', generator }, scenes: [{}], scene: 0 }));
  // The JSON chunk is padded with spaces to a multiple of 4 bytes.
  const padding = (4 - (json.length % 4)) % 4;
  json = Buffer.concat([json, Buffer.alloc(padding, 0x20)]);
  const glb = Buffer.alloc(12 + 8 + json.length);
  glb.write('glTF', 0, 'latin1');
  glb.writeUInt32LE(2, 4); // version
  glb.writeUInt32LE(glb.length, 8);
  glb.writeUInt32LE(json.length, 12);
  glb.write('JSON', 16, 'latin1');
  json.copy(glb, 20);
  return new Uint8Array(glb);
}

/** A small, clean SVG: a square of one colour with a title (escaped), as a vectorizer returns. */
export function simpleSvg(color: Rgb, title: string): Uint8Array {
  const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const fill = `rgb(${color.join(',')})`;
  return new TextEncoder().encode(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64"><title>${escaped}</title><rect width="64" height="64" fill="${fill}"/></svg>`,
  );
}

/**
 * Words that mark every hostile part of `hostileSvg`: none may be left once GenHub has stored it.
 * (Escaped text such as `&lt;script&gt;` is harmless and not among them.)
 */
export const HOSTILE_SVG_MARKERS = [
  'pwned',
  'evil.example',
  '<script',
  'onload',
  'onclick',
  'foreignObject',
  'javascript:',
  '@import',
  'DOCTYPE',
  'CDATA',
] as const;

/**
 * An SVG a hostile or careless provider might return: a script, event handlers, a foreign object,
 * outside and `javascript:` links (plain and as character references), styles that load from
 * outside, animation that writes a handler. The drawing itself (a gradient-filled square) is
 * harmless and should survive.
 */
export function hostileSvg(): Uint8Array {
  return new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "https://evil.example/pwned-dtd.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 64 64" onload="alert('pwned-onload')">
  <script>alert('pwned-script')</script>
  <script><![CDATA[ alert('pwned-cdata') ]]></script>
  <defs><linearGradient id="paint"><stop offset="0" stop-color="#f80"/></linearGradient></defs>
  <rect id="square" width="64" height="64" fill="url(#paint)" onclick="alert('pwned-onclick')"/>
  <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert('pwned-foreign')"/></div></foreignObject>
  <a href="javascript:alert('pwned-js-href')"><circle r="1"/></a>
  <a xlink:href="&#106;avascript&#58;alert('pwned-char-ref')"><circle r="2"/></a>
  <a href="https://evil.example/pwned-link"><circle r="3"/></a>
  <image href="https://evil.example/pwned-image.png" width="1" height="1"/>
  <use xlink:href="https://evil.example/pwned-use.svg#a"/>
  <style>@import url(https://evil.example/pwned-import.css);</style>
  <style>circle { fill: url(https://evil.example/pwned-style-url) }</style>
  <rect width="1" height="1" style="fill: url('https://evil.example/pwned-style-attr')"/>
  <rect width="1" height="1" filter="url(https://evil.example/pwned-filter#f)"/>
  <set attributeName="onmouseover" to="alert('pwned-set')"/>
  <animate attributeName="href" values="javascript:alert('pwned-animate')"/>
  <text y="60">&lt;script&gt;shown as text&lt;/script&gt;</text>
</svg>`);
}

/** An SVG that defines entities (one inside another): GenHub refuses it rather than expand them. */
export function entitySvg(): Uint8Array {
  return new TextEncoder().encode(`<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY a "<script>alert('pwned-entity')</script>"><!ENTITY b "&a;&a;&a;&a;">]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>`);
}
