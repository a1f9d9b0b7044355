import { readWav } from '../src/wav.js';

/** A WAV file's 16-bit PCM samples and their root mean square (0 to 32768). */
export function pcm16(bytes: Uint8Array): { samples: Int16Array; rms: number; sampleRate: number } {
  const wav = readWav(bytes);
  if (!wav) throw new Error('not a RIFF/WAVE file');
  if (wav.bitsPerSample !== 16) throw new Error(`expected 16-bit PCM, got ${wav.bitsPerSample}-bit`);
  const view = new DataView(bytes.buffer, bytes.byteOffset + wav.dataOffset, wav.dataLength);
  const samples = new Int16Array(Math.floor(wav.dataLength / 2));
  let sum = 0;
  for (let i = 0; i < samples.length; i += 1) {
    const sample = view.getInt16(i * 2, true);
    samples[i] = sample;
    sum += sample * sample;
  }
  return {
    samples,
    rms: samples.length > 0 ? Math.sqrt(sum / samples.length) : 0,
    sampleRate: wav.sampleRate,
  };
}

/** The first twelve bytes as text: `RIFF....WAVE` for a WAV file. */
export function riffTag(bytes: Uint8Array): { riff: string; wave: string } {
  const text = (from: number) => String.fromCharCode(...bytes.subarray(from, from + 4));
  return { riff: text(0), wave: text(8) };
}
