import type { ChatFile } from '@genhub/chat';
import { encodeOggOpus } from './ogg-opus.js';
import { readWavPcm } from './wav-pcm.js';

const WAV_TYPES = new Set(['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave']);
/** The longest WAV turned into a voice note (about 10 minutes of 16-bit 44.1 kHz stereo). */
const MAX_WAV_BYTES = 100 * 1024 * 1024;

/**
 * Telegram plays MP3 and M4A as audio and OGG/Opus as a voice note, but sends a WAV as a file to
 * download. So a WAV result (offline speech, many sound effects) goes out as an OGG/Opus voice
 * note instead, named like the WAV; any other file, and a WAV that cannot be read, goes as it is.
 */
export async function asVoiceNote(file: ChatFile): Promise<ChatFile> {
  const type = file.mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (file.kind !== 'audio' || !WAV_TYPES.has(type) || file.bytes > MAX_WAV_BYTES) return file;
  let ogg: Uint8Array;
  try {
    const pcm = readWavPcm(await file.read());
    if (pcm === undefined) return file;
    ogg = encodeOggOpus(pcm);
  } catch {
    return file; // An encoder failure costs the inline player, never the result.
  }
  return {
    name: `${file.name.replace(/\.wav$/i, '')}.ogg`,
    mediaType: 'audio/ogg',
    kind: 'audio',
    bytes: ogg.byteLength,
    read: async () => ogg,
  };
}
