/** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding: 417 bytes and 26.1 ms per frame. */
const FRAME_HEADER = [0xff, 0xfb, 0x90, 0x00];
const FRAME_BYTES = 417;
export const MP3_FRAME_MS = 1152 / 44.1;

/** An MP3 of silent frames lasting about `durationMs`, which sniffs as `audio/mpeg`. */
export function silentMp3(durationMs: number): Uint8Array {
  const frames = Math.max(1, Math.round(durationMs / MP3_FRAME_MS));
  const bytes = new Uint8Array(frames * FRAME_BYTES);
  for (let frame = 0; frame < frames; frame += 1) bytes.set(FRAME_HEADER, frame * FRAME_BYTES);
  return bytes;
}
