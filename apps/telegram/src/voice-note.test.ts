import type { ChatFile } from '@genhub/chat';
import { sineWav } from '@genhub/testkit';
import { describe, expect, it } from 'vitest';
import { asVoiceNote } from './voice-note.js';
import { readWavPcm } from './wav-pcm.js';

const file = (bytes: Uint8Array, mediaType: string, kind: ChatFile['kind'] = 'audio'): ChatFile => ({
  name: 'job-1.wav',
  mediaType,
  kind,
  bytes: bytes.byteLength,
  read: async () => bytes,
});

/** The Ogg pages of a file: header flags, granule position and the first packet's first bytes. */
function oggPages(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pages: Array<{ flags: number; granule: bigint; first: string }> = [];
  for (let offset = 0; offset < bytes.byteLength; ) {
    expect(Buffer.from(bytes.subarray(offset, offset + 4)).toString('latin1')).toBe('OggS');
    const segments = bytes[offset + 26] ?? 0;
    const lacing = bytes.subarray(offset + 27, offset + 27 + segments);
    const body = lacing.reduce((sum, size) => sum + size, 0);
    const start = offset + 27 + segments;
    pages.push({
      flags: bytes[offset + 5] ?? 0,
      granule: view.getBigUint64(offset + 6, true),
      first: Buffer.from(bytes.subarray(start, start + 8)).toString('latin1'),
    });
    offset = start + body;
  }
  return pages;
}

describe('asVoiceNote', () => {
  it('turns a WAV into an Ogg Opus voice note, with head and tags pages and the full length', async () => {
    const wav = sineWav({ frequency: 440, duration: 1.5 });
    const pcm = readWavPcm(wav)!;
    const note = await asVoiceNote(file(wav, 'audio/wav'));
    expect(note).toMatchObject({ name: 'job-1.ogg', mediaType: 'audio/ogg', kind: 'audio' });
    const ogg = await note.read();
    expect(note.bytes).toBe(ogg.byteLength);
    expect(ogg.byteLength).toBeLessThan(wav.byteLength);
    const pages = oggPages(ogg);
    expect(pages[0]).toMatchObject({ flags: 0x02, first: 'OpusHead' });
    expect(pages[1]).toMatchObject({ first: 'OpusTags' });
    expect(pages.at(-1)?.flags).toBe(0x04);
    const seconds = Number((pages.at(-1)?.granule ?? 0n) - 312n) / 48_000;
    expect(seconds).toBeCloseTo(pcm.samples.length / pcm.sampleRate, 2);
  });

  it('leaves every other file as it is, and a WAV it cannot read', async () => {
    const mp3 = file(new Uint8Array([0xff, 0xfb, 0x90, 0x00]), 'audio/mpeg');
    expect(await asVoiceNote(mp3)).toBe(mp3);
    const broken = file(new Uint8Array(Buffer.from('RIFF....WAVEjunk')), 'audio/wav');
    expect(await asVoiceNote(broken)).toBe(broken);
    const image = file(new Uint8Array([1]), 'image/png', 'image');
    expect(await asVoiceNote(image)).toBe(image);
  });
});
