import { crc32, inflateSync } from 'node:zlib';
import { detectMediaType } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import {
  colorFromSeed,
  MP3_FRAME_MS,
  minimalGlb,
  minimalJpeg,
  minimalMp4,
  silentMp3,
  sineWav,
  solidPng,
} from './fake-media.js';

/** Reads a PNG's chunks, checking each CRC. */
function readPng(png: Uint8Array): Array<{ type: string; data: Buffer }> {
  const bytes = Buffer.from(png);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: Array<{ type: string; data: Buffer }> = [];
  let offset = 8;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    expect(bytes.readUInt32BE(offset + 8 + length)).toBe(
      crc32(bytes.subarray(offset + 4, offset + 8 + length)),
    );
    chunks.push({ type, data });
    offset += 12 + length;
  }
  return chunks;
}

describe('solidPng', () => {
  it('encodes a valid PNG of the given size and colour', () => {
    const chunks = readPng(solidPng(3, 2, [10, 20, 30]));
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const header = chunks[0]!.data;
    expect(header.readUInt32BE(0)).toBe(3);
    expect(header.readUInt32BE(4)).toBe(2);
    expect([...header.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
    const pixels = inflateSync(chunks[1]!.data);
    expect([...pixels]).toEqual([
      0, 10, 20, 30, 10, 20, 30, 10, 20, 30, 0, 10, 20, 30, 10, 20, 30, 10, 20, 30,
    ]);
  });

  it('rejects sizes that are not positive integers', () => {
    expect(() => solidPng(0, 1, [0, 0, 0])).toThrow(RangeError);
    expect(() => solidPng(1.5, 1, [0, 0, 0])).toThrow(RangeError);
  });
});

describe('colorFromSeed', () => {
  it('is deterministic and differs between neighbouring seeds', () => {
    expect(colorFromSeed(42)).toEqual(colorFromSeed(42));
    expect(colorFromSeed(42)).not.toEqual(colorFromSeed(43));
    for (const channel of colorFromSeed(7)) expect(channel).toBeGreaterThanOrEqual(0);
  });
});

describe('sineWav', () => {
  it('writes a PCM WAV header and an audible tone', () => {
    const wav = Buffer.from(sineWav({ frequency: 440, duration: 0.1, sampleRate: 8000 }));
    expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
    expect(wav.toString('latin1', 8, 16)).toBe('WAVEfmt ');
    expect(wav.readUInt16LE(20)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.toString('latin1', 36, 40)).toBe('data');
    const dataSize = wav.readUInt32LE(40);
    expect(dataSize).toBe(800 * 2);
    expect(wav.length).toBe(44 + dataSize);
    const samples = Array.from({ length: dataSize / 2 }, (_, i) => wav.readInt16LE(44 + i * 2));
    expect(Math.max(...samples)).toBeGreaterThan(10_000);
    expect(Math.min(...samples)).toBeLessThan(-10_000);
  });
});

describe('minimalMp4 and minimalGlb', () => {
  it('starts an MP4 with an ftyp box', () => {
    const mp4 = Buffer.from(minimalMp4());
    expect(mp4.readUInt32BE(0)).toBe(32);
    expect(mp4.toString('latin1', 4, 12)).toBe('ftypisom');
  });

  it('writes a binary glTF whose JSON chunk parses', () => {
    const glb = Buffer.from(minimalGlb());
    expect(glb.toString('latin1', 0, 4)).toBe('glTF');
    expect(glb.readUInt32LE(4)).toBe(2);
    expect(glb.readUInt32LE(8)).toBe(glb.length);
    const jsonLength = glb.readUInt32LE(12);
    expect(jsonLength % 4).toBe(0);
    expect(glb.toString('latin1', 16, 20)).toBe('JSON');
    expect(JSON.parse(glb.toString('utf8', 20, 20 + jsonLength))).toMatchObject({
      asset: { version: '2.0' },
    });
  });
});

describe('minimalJpeg and silentMp3', () => {
  it('writes a baseline JPEG of one 8x8 greyscale block, ending in EOI', async () => {
    const jpeg = Buffer.from(minimalJpeg());
    expect([...jpeg.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect([...jpeg.subarray(-2)]).toEqual([0xff, 0xd9]);
    const frame = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    expect(frame).toBeGreaterThan(0);
    expect(jpeg.readUInt16BE(frame + 5)).toBe(8); // height
    expect(jpeg.readUInt16BE(frame + 7)).toBe(8); // width
    expect(await detectMediaType(jpeg)).toBe('image/jpeg');
  });

  it('writes MP3 frames for the duration asked, sniffed as audio/mpeg', async () => {
    const mp3 = silentMp3(10 * MP3_FRAME_MS);
    expect(mp3.byteLength).toBe(10 * 417);
    expect([...mp3.subarray(417, 421)]).toEqual([0xff, 0xfb, 0x90, 0x00]);
    expect(await detectMediaType(mp3)).toBe('audio/mpeg');
  });
});
