import { badRequest, type TelegramApiError } from './telegram-errors.js';
import type { TgMessageEntity } from './telegram-types.js';

/**
 * Message entities: the ones Telegram detects in what a user types (commands, mentions, hashtags,
 * links), and the ones a bot's `parse_mode` markup (HTML, MarkdownV2, legacy Markdown) stands for.
 * Offsets and lengths count UTF-16 code units, as the Bot API does; JavaScript strings already do.
 */

export interface FormattedText {
  text: string;
  entities: TgMessageEntity[];
}

const DETECTORS: ReadonlyArray<{ type: string; pattern: RegExp }> = [
  {
    type: 'bot_command',
    pattern: /(?<![\w/@])\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z][A-Za-z0-9_]{2,31})?(?![\w/])/g,
  },
  { type: 'email', pattern: /(?<![\w.@])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  {
    type: 'url',
    pattern:
      /(?<![\w@/])(?:https?:\/\/[^\s/]+|(?:[A-Za-z0-9-]+\.)+(?:com|org|net|io|dev|me|ru|app|ai|co|uk|de|info)(?![\w-]))(?::\d+)?(?:\/[^\s]*)?/g,
  },
  { type: 'mention', pattern: /(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,31}(?!\w)/g },
  { type: 'hashtag', pattern: /(?<![\w#])#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*/gu },
  { type: 'cashtag', pattern: /(?<![\w$])\$[A-Z]{1,8}(?![A-Za-z])/g },
];

/** The entities Telegram finds in a user's plain text, sorted by offset. */
export function detectEntities(text: string): TgMessageEntity[] {
  const found: TgMessageEntity[] = [];
  const taken: Array<[number, number]> = [];
  for (const { type, pattern } of DETECTORS) {
    for (const match of text.matchAll(pattern)) {
      const offset = match.index;
      const length = match[0].length;
      if (taken.some(([start, end]) => offset < end && offset + length > start)) continue;
      taken.push([offset, offset + length]);
      found.push({ type, offset, length });
    }
  }
  return sortEntities(found);
}

/** Telegram orders entities by offset, longer first on ties. */
export function sortEntities(entities: TgMessageEntity[]): TgMessageEntity[] {
  return entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
}

/** Applies `parse_mode` to text; throws "can't parse entities" as the server does on bad markup. */
export function parseFormatted(text: string, parseMode: string | undefined): FormattedText {
  if (parseMode === undefined || parseMode === '') return trimmed(text, []);
  switch (parseMode.toLowerCase()) {
    case 'html':
      return parseHtml(text);
    case 'markdownv2':
      return parseMarkdownV2(text);
    case 'markdown':
      return parseMarkdownLegacy(text);
    default:
      throw badRequest('Bad Request: unsupported parse_mode');
  }
}

function parseError(reason: string): TelegramApiError {
  return badRequest(`Bad Request: can't parse entities: ${reason}`);
}

function byteOffset(source: string, index: number): number {
  return Buffer.byteLength(source.slice(0, index));
}

/** Telegram strips leading and trailing white space from the text, moving entities along. */
function trimmed(text: string, entities: TgMessageEntity[]): FormattedText {
  const lead = text.length - text.trimStart().length;
  const result = text.trim();
  const kept: TgMessageEntity[] = [];
  for (const entity of entities) {
    const start = Math.max(0, entity.offset - lead);
    const end = Math.min(result.length, entity.offset + entity.length - lead);
    if (end > start) kept.push({ ...entity, offset: start, length: end - start });
  }
  return { text: result, entities: sortEntities(kept) };
}

const HTML_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'a',
  'code',
  'pre',
  'blockquote',
  'tg-emoji',
]);

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"' };

interface OpenTag {
  tag: string;
  attributes: Record<string, string>;
  start: number;
}

function parseHtml(source: string): FormattedText {
  const stack: OpenTag[] = [];
  const entities: TgMessageEntity[] = [];
  let out = '';
  let index = 0;
  while (index < source.length) {
    const char = source[index]!;
    if (char === '&') {
      const match = /^&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|([a-zA-Z]+));/.exec(
        source.slice(index, index + 12),
      );
      const code = match?.[1] ?? match?.[2];
      const decoded =
        code !== undefined
          ? String.fromCodePoint(Number.parseInt(code, match?.[1] !== undefined ? 10 : 16))
          : match?.[3] !== undefined
            ? NAMED_ENTITIES[match[3]]
            : undefined;
      if (match && decoded !== undefined) {
        out += decoded;
        index += match[0].length;
        continue;
      }
      out += char;
      index += 1;
      continue;
    }
    if (char !== '<') {
      out += char;
      index += 1;
      continue;
    }
    const at = byteOffset(source, index);
    const end = tagEnd(source, index);
    if (source[index + 1] === '/') {
      if (stack.length === 0) throw parseError(`Unexpected end tag at byte offset ${at}`);
      if (end < 0) throw parseError(`Unclosed end tag at byte offset ${at}`);
      const name = source
        .slice(index + 2, end)
        .trim()
        .toLowerCase();
      const open = stack.pop()!;
      if (name !== '' && name !== open.tag) {
        throw parseError(
          `Unmatched end tag at byte offset ${at}, expected "</${open.tag}>", found "</${name}>"`,
        );
      }
      closeHtmlTag(open, out.length, entities);
      index = end + 1;
      continue;
    }
    if (end < 0) throw parseError(`Unclosed start tag at byte offset ${at}`);
    const inside = source.slice(index + 1, end);
    const name = (/^[^\s/>]+/.exec(inside)?.[0] ?? '').toLowerCase();
    if (!HTML_TAGS.has(name)) throw parseError(`Unsupported start tag "${name}" at byte offset ${at}`);
    const attributes: Record<string, string> = {};
    for (const attribute of inside
      .slice(name.length)
      .matchAll(/([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attributes[attribute[1]!.toLowerCase()] = decodeAttribute(
        attribute[2] ?? attribute[3] ?? attribute[4] ?? '',
      );
    }
    if (name === 'span' && attributes.class !== 'tg-spoiler') {
      throw parseError(`Tag "span" must have class "tg-spoiler" at byte offset ${at}`);
    }
    stack.push({ tag: name, attributes, start: out.length });
    index = end + 1;
  }
  const unclosed = stack.at(-1);
  if (unclosed) throw parseError(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  return trimmed(out, entities);
}

function tagEnd(source: string, from: number): number {
  let quote: string | undefined;
  for (let index = from + 1; index < source.length; index += 1) {
    const char = source[index];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return index;
    } else if (char === '<') {
      return -1;
    }
  }
  return -1;
}

function decodeAttribute(value: string): string {
  return value.replace(/&(lt|gt|amp|quot);/g, (_, name: string) => NAMED_ENTITIES[name] ?? '');
}

function closeHtmlTag(open: OpenTag, end: number, entities: TgMessageEntity[]): void {
  const offset = open.start;
  const length = end - offset;
  if (length <= 0) return;
  const last = entities.at(-1);
  if (open.tag === 'pre' && last?.type === 'code' && last.offset === offset && last.length === length) {
    last.type = 'pre';
    return;
  }
  const entity = htmlEntity(open, offset, length);
  if (entity) entities.push(entity);
}

function htmlEntity(open: OpenTag, offset: number, length: number): TgMessageEntity | undefined {
  switch (open.tag) {
    case 'b':
    case 'strong':
      return { type: 'bold', offset, length };
    case 'i':
    case 'em':
      return { type: 'italic', offset, length };
    case 'u':
    case 'ins':
      return { type: 'underline', offset, length };
    case 's':
    case 'strike':
    case 'del':
      return { type: 'strikethrough', offset, length };
    case 'span':
    case 'tg-spoiler':
      return { type: 'spoiler', offset, length };
    case 'a':
      return { type: 'text_link', offset, length, url: open.attributes.href ?? '' };
    case 'tg-emoji':
      return { type: 'custom_emoji', offset, length, custom_emoji_id: open.attributes['emoji-id'] ?? '' };
    case 'blockquote':
      return {
        type: 'expandable' in open.attributes ? 'expandable_blockquote' : 'blockquote',
        offset,
        length,
      };
    case 'code': {
      const language = /^language-(.+)$/.exec(open.attributes.class ?? '')?.[1];
      return { type: 'code', offset, length, ...(language ? { language } : {}) };
    }
    case 'pre':
      return { type: 'pre', offset, length };
    default:
      return undefined;
  }
}

const MARKDOWN_V2_RESERVED = '_*[]()~`>#+-=|{}.!';

interface OpenMark {
  type: string;
  start: number;
  at: number;
}

const ENTITY_NAMES: Readonly<Record<string, string>> = {
  bold: 'Bold',
  italic: 'Italic',
  underline: 'Underline',
  strikethrough: 'Strikethrough',
  spoiler: 'Spoiler',
  text_link: 'TextUrl',
};

function parseMarkdownV2(source: string): FormattedText {
  const entities: TgMessageEntity[] = [];
  const stack: OpenMark[] = [];
  let out = '';
  let index = 0;
  const toggle = (type: string, width: number) => {
    const top = stack.at(-1);
    if (top?.type === type) {
      stack.pop();
      if (out.length > top.start) entities.push({ type, offset: top.start, length: out.length - top.start });
    } else {
      stack.push({ type, start: out.length, at: byteOffset(source, index) });
    }
    index += width;
  };
  while (index < source.length) {
    const char = source[index]!;
    const atLineStart = index === 0 || source[index - 1] === '\n';
    if (char === '\\') {
      const next = source[index + 1];
      if (next === undefined || next.charCodeAt(0) > 126) {
        throw parseError(`Character '\\' is reserved and must be escaped with the preceding '\\'`);
      }
      out += next;
      index += 2;
      continue;
    }
    if (!MARKDOWN_V2_RESERVED.includes(char)) {
      out += char;
      index += 1;
      continue;
    }
    if (char === '*') toggle('bold', 1);
    else if (char === '_' && source[index + 1] === '_') toggle('underline', 2);
    else if (char === '_') toggle('italic', 1);
    else if (char === '~') toggle('strikethrough', 1);
    else if (char === '|' && source[index + 1] === '|') toggle('spoiler', 2);
    else if (char === '`') {
      const at = byteOffset(source, index);
      const fence = source.startsWith('```', index);
      const open = fence ? 3 : 1;
      const close = findUnescaped(source, fence ? '```' : '`', index + open);
      if (close < 0)
        throw parseError(`Can't find end of ${fence ? 'Pre' : 'Code'} entity at byte offset ${at}`);
      let body = source.slice(index + open, close);
      let language: string | undefined;
      if (fence) {
        const newline = body.indexOf('\n');
        if (newline >= 0 && /^[^\s`]+$/.test(body.slice(0, newline))) {
          language = body.slice(0, newline);
          body = body.slice(newline + 1);
        } else if (newline === 0) {
          body = body.slice(1);
        }
      }
      const content = body.replace(/\\([`\\])/g, '$1');
      if (content.length > 0) {
        entities.push({
          type: fence ? 'pre' : 'code',
          offset: out.length,
          length: content.length,
          ...(language ? { language } : {}),
        });
      }
      out += content;
      index = close + open;
    } else if (char === '[') {
      stack.push({ type: 'text_link', start: out.length, at: byteOffset(source, index) });
      index += 1;
    } else if (char === ']' && stack.at(-1)?.type === 'text_link' && source[index + 1] === '(') {
      const open = stack.pop()!;
      const close = findUnescaped(source, ')', index + 2);
      if (close < 0)
        throw parseError(`Can't find end of a URL at byte offset ${byteOffset(source, index + 1)}`);
      const url = source.slice(index + 2, close).replace(/\\([)\\])/g, '$1');
      if (out.length > open.start) {
        entities.push({ type: 'text_link', offset: open.start, length: out.length - open.start, url });
      }
      index = close + 1;
    } else if (char === '>' && atLineStart) {
      let lineEnd = source.indexOf('\n', index);
      if (lineEnd < 0) lineEnd = source.length;
      const last = entities.at(-1);
      const start = out.length;
      const line = parseMarkdownV2(source.slice(index + 1, lineEnd)).text;
      out += line;
      if (last?.type === 'blockquote' && last.offset + last.length + 1 === start)
        last.length = out.length - last.offset;
      else if (line.length > 0) entities.push({ type: 'blockquote', offset: start, length: line.length });
      index = lineEnd;
    } else {
      throw parseError(`Character '${char}' is reserved and must be escaped with the preceding '\\'`);
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed) {
    throw parseError(
      `Can't find end of ${ENTITY_NAMES[unclosed.type] ?? unclosed.type} entity at byte offset ${unclosed.at}`,
    );
  }
  return trimmed(out, entities);
}

function findUnescaped(source: string, token: string, from: number): number {
  for (let index = from; index < source.length; index += 1) {
    if (source[index] === '\\') {
      index += 1;
      continue;
    }
    if (source.startsWith(token, index)) return index;
  }
  return -1;
}

function parseMarkdownLegacy(source: string): FormattedText {
  const entities: TgMessageEntity[] = [];
  let out = '';
  let index = 0;
  while (index < source.length) {
    const char = source[index]!;
    if (char === '\\' && '_*`['.includes(source[index + 1] ?? '')) {
      out += source[index + 1];
      index += 2;
      continue;
    }
    if (!'_*`['.includes(char)) {
      out += char;
      index += 1;
      continue;
    }
    const at = byteOffset(source, index);
    const unclosed = parseError(`Can't find end of the entity starting at byte offset ${at}`);
    if (char === '[') {
      const close = source.indexOf(']', index + 1);
      if (close < 0 || source[close + 1] !== '(') throw unclosed;
      const urlEnd = source.indexOf(')', close + 2);
      if (urlEnd < 0) throw unclosed;
      const text = source.slice(index + 1, close);
      entities.push({
        type: 'text_link',
        offset: out.length,
        length: text.length,
        url: source.slice(close + 2, urlEnd),
      });
      out += text;
      index = urlEnd + 1;
      continue;
    }
    const fence = char === '`' && source.startsWith('```', index);
    const token = fence ? '```' : char;
    const close = source.indexOf(token, index + token.length);
    if (close < 0) throw unclosed;
    let body = source.slice(index + token.length, close);
    let language: string | undefined;
    if (fence) {
      const newline = body.indexOf('\n');
      if (newline > 0 && /^[^\s`]+$/.test(body.slice(0, newline))) {
        language = body.slice(0, newline);
        body = body.slice(newline + 1);
      }
    }
    const type = fence ? 'pre' : char === '`' ? 'code' : char === '*' ? 'bold' : 'italic';
    if (body.length > 0) {
      entities.push({ type, offset: out.length, length: body.length, ...(language ? { language } : {}) });
    }
    out += body;
    index = close + token.length;
  }
  return trimmed(out, entities);
}
