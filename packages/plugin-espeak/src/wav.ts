/** Where a PCM WAV file's samples are and how they are laid out. */
export interface WavInfo {
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  /** Byte offset of the `data` chunk's contents. */
  dataOffset: number;
  /** Bytes of sample data (clipped to the file when the header claims more). */
  dataLength: number;
  durationSeconds: number;
}

/** Reads a RIFF/WAVE header; `undefined` when the bytes are not a WAV file with `fmt ` and `data` chunks. */
export function readWav(bytes: Uint8Array): WavInfo | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) =>
    offset + 4 <= bytes.byteLength ? String.fromCharCode(...bytes.subarray(offset, offset + 4)) : '';
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return undefined;
  let format: Pick<WavInfo, 'channels' | 'sampleRate' | 'bitsPerSample'> | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ' && body + 16 <= bytes.byteLength) {
      format = {
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    } else if (id === 'data' && format) {
      const dataLength = Math.min(size, bytes.byteLength - body);
      const bytesPerSecond = format.sampleRate * format.channels * (format.bitsPerSample / 8);
      return {
        ...format,
        dataOffset: body,
        dataLength,
        durationSeconds: bytesPerSecond > 0 ? dataLength / bytesPerSecond : 0,
      };
    }
    offset = body + size + (size % 2);
  }
  return undefined;
}

/** True when every byte of the sample data is zero (what espeak-ng writes for text it cannot speak). */
export function isSilent(bytes: Uint8Array, wav: WavInfo): boolean {
  return bytes.subarray(wav.dataOffset, wav.dataOffset + wav.dataLength).every((byte) => byte === 0);
}
