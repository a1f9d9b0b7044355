/** Longest file name kept, in characters. */
export const MAX_FILE_NAME_CHARS = 100;

/** Characters no file name keeps: controls, invisible formatting (bidi overrides), and what Windows reserves. */
const UNSAFE = /[\p{Cc}\p{Cf}<>:"|?*]+/gu;
const EXTENSION = /\.[A-Za-z0-9]{1,10}$/;

/**
 * A short, safe file name from whatever a provider gave (a title, a URL's last segment, possibly
 * megabytes of it): its last path segment, without control or reserved characters, leading dots
 * or surrounding spaces, cut to `maxChars` keeping the extension. Undefined when nothing is left.
 */
export function safeFileName(raw: string, maxChars = MAX_FILE_NAME_CHARS): string | undefined {
  const last = raw.slice(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
  const segment = last.replace(/^[\s.]+/, '');
  // Only the ends of a long segment can matter: its start and its extension.
  const extension = EXTENSION.exec(segment.slice(-11))?.[0] ?? '';
  const stemChars = segment.length - extension.length;
  const stem = clean(segment.slice(0, Math.min(stemChars, maxChars * 2)));
  const room = Math.max(0, maxChars - extension.length);
  const shortStem = [...stem].slice(0, room).join('').trimEnd();
  if (shortStem.replace(/\.+$/, '') === '') return undefined;
  return (shortStem + extension).replace(/[\s.]+$/, '');
}

/** Whitespace folded to single spaces, unsafe characters gone, no leading dots or spaces. */
function clean(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(UNSAFE, '')
    .replace(/^[\s.]+/, '');
}
