import type { Output } from '@genhub/provider';

/**
 * The files in a fal result. fal apps answer their own shapes (`{ video }`, `{ images: [...] }`,
 * `{ audio_file }`), but every file is fal's `File` object, `{ url, content_type?, file_name? }`:
 * collected wherever it is, in order.
 */
export function outputsOf(result: unknown): Output[] {
  const found: Output[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const file = value as { url?: unknown; content_type?: unknown; file_name?: unknown };
    if (typeof file.url === 'string' && /^https?:\/\//.test(file.url)) {
      found.push({
        kind: 'url',
        url: file.url,
        ...(typeof file.content_type === 'string' ? { mediaType: file.content_type } : {}),
        ...(typeof file.file_name === 'string' ? { name: file.file_name } : {}),
      });
      return;
    }
    for (const inner of Object.values(value)) visit(inner);
  };
  visit(result);
  return found;
}
