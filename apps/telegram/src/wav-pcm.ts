/** Mono 16-bit samples and their rate, read from a WAV file. */
export interface MonoPcm {
  samples: Int16Array;
  sampleRate: number;
}

/**
 * The sound of a PCM WAV file (16-bit integer, any channel count; channels averaged to one), or
 * undefined for anything else (compressed WAV, 8-bit or float samples, a broken header). A data
 * chunk that claims more than the file holds (a streamed WAV) is read to the end of the file.
 */
export function readWavPcm(bytes: Uint8Array): MonoPcm | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.byteLength < 12 || text(0) !== 'RIFF' || text(8) !== 'WAVE') return undefined;
  let format: { channels: number; sampleRate: number; bits: number; tag: number } | undefined;
  for (let offset = 12; offset + 8 <= bytes.byteLength; ) {
    const id = text(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ' && body + 16 <= bytes.byteLength) {
      format = {
        tag: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!format || !isPcm16(format)) return undefined;
      const end = Math.min(bytes.byteLength, body + size);
      const frames = Math.floor((end - body) / (2 * format.channels));
      const samples = new Int16Array(frames);
      for (let frame = 0; frame < frames; frame += 1) {
        let sum = 0;
        for (let channel = 0; channel < format.channels; channel += 1)
          sum += view.getInt16(body + (frame * format.channels + channel) * 2, true);
        samples[frame] = Math.round(sum / format.channels);
      }
      return frames > 0 ? { samples, sampleRate: format.sampleRate } : undefined;
    }
    offset = body + size + (size % 2);
  }
  return undefined;
}

const PCM = 1;
const EXTENSIBLE = 0xfffe;

function isPcm16(format: { channels: number; sampleRate: number; bits: number; tag: number }): boolean {
  return (
    (format.tag === PCM || format.tag === EXTENSIBLE) &&
    format.bits === 16 &&
    format.channels > 0 &&
    format.sampleRate >= 1000
  );
}
