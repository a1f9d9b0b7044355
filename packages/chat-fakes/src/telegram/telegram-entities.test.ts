import { describe, expect, it } from 'vitest';
import { detectEntities, parseFormatted } from './telegram-entities.js';

const slice = (text: string, entities: Array<{ type: string; offset: number; length: number }>) =>
  entities.map((entity) => [entity.type, text.slice(entity.offset, entity.offset + entity.length)]);

describe('detectEntities', () => {
  it('finds commands, mentions, hashtags, links and emails as Telegram does', () => {
    const text =
      '/imagine@genhub_bot a fox by @alice #art https://example.com/x and a.fox, mail me@example.org';
    expect(slice(text, detectEntities(text))).toEqual([
      ['bot_command', '/imagine@genhub_bot'],
      ['mention', '@alice'],
      ['hashtag', '#art'],
      ['url', 'https://example.com/x'],
      ['email', 'me@example.org'],
    ]);
  });

  it('counts UTF-16 code units', () => {
    const text = '🦊 /imagine';
    expect(detectEntities(text)).toEqual([{ type: 'bot_command', offset: 3, length: 8 }]);
  });
});

describe('parseFormatted', () => {
  it('turns HTML into text and entities, pre with a language included', () => {
    const parsed = parseFormatted(
      '<i>a</i> <tg-spoiler>b</tg-spoiler> <pre><code class="language-ts">c</code></pre> &lt;d&gt; &#128512;',
      'HTML',
    );
    expect(parsed.text).toBe('a b c <d> 😀');
    expect(parsed.entities).toEqual([
      { type: 'italic', offset: 0, length: 1 },
      { type: 'spoiler', offset: 2, length: 1 },
      { type: 'pre', offset: 4, length: 1, language: 'ts' },
    ]);
  });

  it('reports bad HTML with the server texts', () => {
    expect(() => parseFormatted('<b>x</i>', 'HTML')).toThrow(
      `Bad Request: can't parse entities: Unmatched end tag at byte offset 4, expected "</b>", found "</i>"`,
    );
    expect(() => parseFormatted('x</b>', 'HTML')).toThrow(
      "Bad Request: can't parse entities: Unexpected end tag at byte offset 1",
    );
    expect(() => parseFormatted('<span>x</span>', 'HTML')).toThrow(/must have class "tg-spoiler"/);
  });

  it('parses MarkdownV2: nesting, links, code, quotes and escapes', () => {
    const parsed = parseFormatted(
      '*bold _both_* [link](https://x.dev/a\\)b) `c\\`d` \\#1\n>quoted',
      'MarkdownV2',
    );
    expect(parsed.text).toBe('bold both link c`d #1\nquoted');
    expect(slice(parsed.text, parsed.entities)).toEqual([
      ['bold', 'bold both'],
      ['italic', 'both'],
      ['text_link', 'link'],
      ['code', 'c`d'],
      ['blockquote', 'quoted'],
    ]);
    expect(parsed.entities.find((entity) => entity.type === 'text_link')?.url).toBe('https://x.dev/a)b');
    expect(() => parseFormatted('*open', 'MarkdownV2')).toThrow(
      "Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 0",
    );
  });

  it('parses legacy Markdown', () => {
    const parsed = parseFormatted('*b* _i_ `c` [l](https://x.dev)', 'Markdown');
    expect(parsed.text).toBe('b i c l');
    expect(parsed.entities.map((entity) => entity.type)).toEqual(['bold', 'italic', 'code', 'text_link']);
    expect(() => parseFormatted('*open', 'Markdown')).toThrow(
      /Can't find end of the entity starting at byte offset 0/,
    );
  });

  it('trims white space around the text and moves entities with it', () => {
    expect(parseFormatted('  <b>x</b>  ', 'HTML')).toEqual({
      text: 'x',
      entities: [{ type: 'bold', offset: 0, length: 1 }],
    });
  });
});
