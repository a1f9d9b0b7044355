import type { ChatFile } from '@genhub/chat';
import type { MediaKind } from '@genhub/core';

/** The Bot API method a file goes out with. */
export type MediaMethod = 'photo' | 'animation' | 'video' | 'audio' | 'voice' | 'document';

/** The chat action that says a file of this kind is on its way. */
export type UploadAction = 'upload_photo' | 'upload_video' | 'upload_voice' | 'upload_document';

const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const AUDIO_TYPES = new Set([
  'audio/mpeg',
  'audio/mp3',
  'audio/mp4',
  'audio/m4a',
  'audio/x-m4a',
  'audio/aac',
]);
const VOICE_TYPES = new Set(['audio/ogg', 'audio/opus', 'application/ogg']);

/**
 * How Telegram takes a file: photos up to the photo limit (larger ones, and images Telegram cannot
 * show as a photo, as documents), GIFs as animations, MP4 as video, MP3/M4A as audio, OGG/Opus as a
 * voice message, and anything else (3D models, WAV, SVG) as a document.
 */
export function mediaMethod(
  file: Pick<ChatFile, 'mediaType' | 'kind' | 'bytes'>,
  photoLimitBytes: number,
): MediaMethod {
  const type = file.mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  switch (file.kind) {
    case 'image':
      if (type === 'image/gif') return 'animation';
      return PHOTO_TYPES.has(type) && file.bytes <= photoLimitBytes ? 'photo' : 'document';
    case 'video':
      return type === 'video/mp4' ? 'video' : 'document';
    case 'audio':
      if (VOICE_TYPES.has(type)) return 'voice';
      return AUDIO_TYPES.has(type) ? 'audio' : 'document';
    default:
      return 'document';
  }
}

/** The upload action for a send method. */
export function uploadActionFor(method: MediaMethod): UploadAction {
  switch (method) {
    case 'photo':
      return 'upload_photo';
    case 'video':
    case 'animation':
      return 'upload_video';
    case 'audio':
    case 'voice':
      return 'upload_voice';
    default:
      return 'upload_document';
  }
}

/** The upload action for a kind of result, before its files are planned. */
export function uploadActionForKind(kind: MediaKind): UploadAction {
  switch (kind) {
    case 'image':
      return 'upload_photo';
    case 'video':
      return 'upload_video';
    case 'audio':
      return 'upload_voice';
    default:
      return 'upload_document';
  }
}
