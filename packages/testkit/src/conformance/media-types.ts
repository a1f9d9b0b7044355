import { extensionFor } from '@genhub/core';

/** `Audio/MPEG; bitrate=128` -> `audio/mpeg`. */
export function essenceOf(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}

/** The same type, or two names of it (`audio/wav` and `audio/x-wav`) that share a file extension. */
export function sameMediaType(a: string, b: string): boolean {
  if (essenceOf(a) === essenceOf(b)) return true;
  const extension = extensionFor(a);
  return extension !== 'bin' && extension === extensionFor(b);
}
