import OpusScript from 'opusscript';
import type { MonoPcm } from './wav-pcm.js';

/** Opus always works at 48 kHz here; 20 ms frames, as voice notes use. */
const RATE = 48_000;
const FRAME = 960;
/** The encoder's look-ahead at 48 kHz: samples a player skips at the start (RFC 7845 pre-skip). */
const PRE_SKIP = 312;
/** Audio packets per Ogg page: one second. */
const PACKETS_PER_PAGE = 50;
const BITRATE = 32_000;
const OPUS_SET_BITRATE = 4002;

/**
 * Mono sound as an Ogg Opus file (RFC 7845), what Telegram plays as a voice note: resampled to
 * 48 kHz, encoded with libopus (opusscript's WebAssembly build) at 32 kbit/s, packed in Ogg pages.
 */
export function encodeOggOpus(pcm: MonoPcm): Uint8Array {
  const samples = resample(pcm.samples, pcm.sampleRate, RATE);
  const encoder = new OpusScript(RATE, 1, OpusScript.Application.AUDIO, { wasm: true });
  const packets: Uint8Array[] = [];
  try {
    encoder.encoderCTL(OPUS_SET_BITRATE, BITRATE);
    // Frames past the end, silent, so the packets hold the pre-skip as well as every sample.
    for (let start = 0; start < samples.length + PRE_SKIP; start += FRAME) {
      const frame = new Int16Array(FRAME);
      frame.set(samples.subarray(start, start + FRAME));
      packets.push(new Uint8Array(encoder.encode(Buffer.from(frame.buffer), FRAME)));
    }
  } finally {
    encoder.delete();
  }
  const writer = new OggWriter(crypto.getRandomValues(new Uint32Array(1))[0] ?? 1);
  writer.page([opusHead(pcm.sampleRate)], 0, 0x02);
  writer.page([opusTags()], 0, 0);
  const end = PRE_SKIP + samples.length;
  for (let index = 0; index < packets.length; index += PACKETS_PER_PAGE) {
    const batch = packets.slice(index, index + PACKETS_PER_PAGE);
    const last = index + PACKETS_PER_PAGE >= packets.length;
    const granule = Math.min((index + batch.length) * FRAME, end);
    writer.page(batch, last ? end : granule, last ? 0x04 : 0);
  }
  return writer.bytes();
}

/** Linear interpolation: plenty for speech and sound effects bound for a phone speaker. */
function resample(samples: Int16Array, from: number, to: number): Int16Array {
  if (from === to) return samples;
  const length = Math.max(1, Math.round((samples.length * to) / from));
  const out = new Int16Array(length);
  const step = from / to;
  for (let index = 0; index < length; index += 1) {
    const position = index * step;
    const left = Math.floor(position);
    const a = samples[Math.min(left, samples.length - 1)] ?? 0;
    const b = samples[Math.min(left + 1, samples.length - 1)] ?? 0;
    out[index] = Math.round(a + (b - a) * (position - left));
  }
  return out;
}

function opusHead(inputRate: number): Uint8Array {
  const head = new Uint8Array(19);
  const view = new DataView(head.buffer);
  head.set(new TextEncoder().encode('OpusHead'));
  head[8] = 1; // version
  head[9] = 1; // channels
  view.setUint16(10, PRE_SKIP, true);
  view.setUint32(12, inputRate, true);
  view.setInt16(16, 0, true); // output gain
  head[18] = 0; // channel mapping family: mono or stereo
  return head;
}

function opusTags(): Uint8Array {
  const vendor = new TextEncoder().encode('GenHub');
  const tags = new Uint8Array(8 + 4 + vendor.length + 4);
  const view = new DataView(tags.buffer);
  tags.set(new TextEncoder().encode('OpusTags'));
  view.setUint32(8, vendor.length, true);
  tags.set(vendor, 12);
  view.setUint32(12 + vendor.length, 0, true); // no user comments
  return tags;
}

/** Ogg pages of one logical stream, each holding whole packets. */
class OggWriter {
  readonly #pages: Uint8Array[] = [];
  #sequence = 0;

  constructor(private readonly serial: number) {}

  /** One page of whole packets; `flags` 0x02 begins the stream, 0x04 ends it. */
  page(packets: readonly Uint8Array[], granule: number, flags: number): void {
    const lacing: number[] = [];
    for (const packet of packets) {
      for (let left = packet.byteLength; ; left -= 255) {
        lacing.push(Math.min(left, 255));
        if (left < 255) break;
      }
    }
    if (lacing.length > 255) throw new RangeError('Too many packets for one Ogg page.');
    const bodyLength = packets.reduce((sum, packet) => sum + packet.byteLength, 0);
    const page = new Uint8Array(27 + lacing.length + bodyLength);
    const view = new DataView(page.buffer);
    page.set([0x4f, 0x67, 0x67, 0x53]); // OggS
    page[4] = 0; // version
    page[5] = flags;
    view.setBigUint64(6, BigInt(granule), true);
    view.setUint32(14, this.serial, true);
    view.setUint32(18, this.#sequence++, true);
    page[26] = lacing.length;
    page.set(lacing, 27);
    let offset = 27 + lacing.length;
    for (const packet of packets) {
      page.set(packet, offset);
      offset += packet.byteLength;
    }
    view.setUint32(22, oggCrc(page), true);
    this.#pages.push(page);
  }

  bytes(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.#pages));
  }
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let index = 0; index < 256; index += 1) {
    let crc = index << 24;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    table[index] = crc >>> 0;
  }
  return table;
})();

/** Ogg's CRC-32 (polynomial 0x04c11db7, not reflected, starting at 0), over the page with its CRC field zero. */
function oggCrc(page: Uint8Array): number {
  let crc = 0;
  for (const byte of page) crc = ((crc << 8) ^ (CRC_TABLE[((crc >>> 24) ^ byte) & 0xff] ?? 0)) >>> 0;
  return crc >>> 0;
}
