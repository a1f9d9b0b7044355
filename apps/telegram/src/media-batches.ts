import type { ChatFile } from '@genhub/chat';
import { type MediaMethod, mediaMethod } from './media-method.js';
import { MAX_MEDIA_GROUP } from './surface-limits.js';

/** One file and the method it goes out with. */
export interface MediaItem {
  file: ChatFile;
  method: MediaMethod;
}

/** Which methods may share one media group: photos with videos, documents together, audio together. */
function family(method: MediaMethod): string | undefined {
  switch (method) {
    case 'photo':
    case 'video':
      return 'visual';
    case 'document':
      return 'document';
    case 'audio':
      return 'audio';
    default:
      return undefined; // Animations and voice messages cannot be in a media group.
  }
}

/**
 * How files go out: several files of one family as media groups of at most 10, anything else one
 * message per file, in order. A batch of one is a single send (the only kind that carries a keyboard).
 */
export function mediaBatches(files: readonly ChatFile[], photoLimitBytes: number): MediaItem[][] {
  const items = files.map((file) => ({ file, method: mediaMethod(file, photoLimitBytes) }));
  const first = items[0] ? family(items[0].method) : undefined;
  const groupable =
    items.length > 1 && first !== undefined && items.every((item) => family(item.method) === first);
  if (!groupable) return items.map((item) => [item]);
  const batches: MediaItem[][] = [];
  for (let index = 0; index < items.length; index += MAX_MEDIA_GROUP)
    batches.push(items.slice(index, index + MAX_MEDIA_GROUP));
  return batches;
}

/** Whether the last message of these files can carry an inline keyboard (a media group cannot). */
export function lastCarriesKeyboard(batches: readonly MediaItem[][]): boolean {
  return batches.at(-1)?.length === 1;
}
