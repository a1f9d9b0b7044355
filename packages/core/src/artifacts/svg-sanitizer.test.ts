import { GenHubError } from '@genhub/provider';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENTITY_SVG, HOSTILE_MARKERS, HOSTILE_SVG } from './__fixtures__/hostile-svg.js';
import { isSelfContainedCss, sanitizeSvg } from './svg-sanitizer.js';

const SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">';

async function refusal(text: string): Promise<GenHubError> {
  const error = await sanitizeSvg(text).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!GenHubError.isInstance(error)) throw new Error(`expected a GenHubError, got ${String(error)}`);
  return error;
}

describe('sanitizeSvg', () => {
  it('removes scripts, handlers, foreign objects, outside links and loading styles, and keeps the drawing', async () => {
    const clean = await sanitizeSvg(HOSTILE_SVG);
    for (const marker of HOSTILE_MARKERS) expect(clean).not.toContain(marker);
    expect(clean).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(clean).toContain('<linearGradient id="paint">');
    expect(clean).toContain('fill="url(#paint)"');
    expect(clean).toContain('<use href="#shape" x="5"/>');
    expect(clean).toContain('Fox &amp; hound');
  });

  it('keeps an ordinary drawing as it is', async () => {
    const drawing = `${SVG_OPEN}<style>.a { fill: #123 }</style><g class="a"><path d="M0 0L10 10Z" stroke="red" stroke-width="2"/><use xlink:href="#p"/></g></svg>`;
    expect(await sanitizeSvg(drawing)).toBe(drawing);
  });

  it('keeps an inline raster picture and drops an inline SVG or HTML one', async () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const clean = await sanitizeSvg(
      `${SVG_OPEN}<image href="${png}"/><image href="data:image/svg+xml;base64,PHN2Zz4="/><image href="data:text/html,x"/></svg>`,
    );
    expect(clean).toContain(`href="${png}"`);
    expect(clean).not.toContain('svg+xml');
    expect(clean).not.toContain('text/html');
  });

  it('turns CDATA into escaped text', async () => {
    expect(await sanitizeSvg(`${SVG_OPEN}<text><![CDATA[Fox & hound]]></text></svg>`)).toContain(
      '<text>Fox &amp; hound</text>',
    );
    const clean = await sanitizeSvg(`${SVG_OPEN}<text><![CDATA[<script>x</script>]]></text></svg>`);
    expect(clean).toContain('<text>&lt;script&gt;x&lt;/script&gt;</text>');
  });

  it('refuses entity tricks instead of expanding them', async () => {
    const error = await refusal(ENTITY_SVG);
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(error.retryable).toBe(false);
    expect(error.details.reason).toBe('unreadable-svg');
    expect(error.message).toBe(
      "The provider's SVG could not be read (it declares entities, which GenHub does not expand).",
    );
  });

  it('refuses malformed markup and a root that is not an SVG element, in one sentence', async () => {
    expect((await refusal(`${SVG_OPEN}<rect></svg>`)).message).toBe(
      "The provider's SVG could not be read (it is not well-formed XML).",
    );
    expect((await refusal('<svg><rect/></svg>')).message).toBe(
      "The provider's SVG could not be read (its root is not an SVG element).",
    );
    expect((await refusal('<html xmlns="http://www.w3.org/1999/xhtml"/>')).message).toContain('root');
    expect((await refusal('')).details.reason).toBe('unreadable-svg');
    const prefixedRoot = '<x:svg xmlns:x="http://www.w3.org/2000/svg"><x:script>alert(1)</x:script></x:svg>';
    expect((await refusal(prefixedRoot)).message).toBe(
      "The provider's SVG could not be read (it could not be cleaned).",
    );
  });

  it('is idempotent and never lets a script or handler through (property)', async () => {
    const parts = fc.constantFrom(
      '<rect width="1" height="1"/>',
      '<script>alert(1)</script>',
      '<g onload="alert(1)"><circle r="1"/></g>',
      '<a href="javascript:alert(1)"><path d="M0 0"/></a>',
      '<a xlink:href="https://evil.example/"><path d="M0 0"/></a>',
      '<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>',
      '<style>@import "https://evil.example/a.css";</style>',
      '<style>g { fill: url(#a) }</style>',
      '<text><![CDATA[<script>]]></text>',
      '<text>&lt;script&gt;</text>',
      '<use href="#a"/>',
      '<use href="data:image/svg+xml,x"/>',
      '<linearGradient id="a"><stop offset="1"/></linearGradient>',
      '<!-- <script> -->',
      '<animate attributeName="href" to="javascript:alert(1)"/>',
      '<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script>',
      '<script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script>',
      '<a xmlns:x="http://www.w3.org/1999/xlink" x:href="javascript:alert(1)"><path d="M0 0"/></a>',
      '<g xml:base="https://evil.example/"><use href="#a"/></g>',
      '<rect fill="url(https://evil.example/#p)" style="fill:url(#a)"/>',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(parts, { maxLength: 8 }), async (pieces) => {
        const once = await sanitizeSvg(`${SVG_OPEN}${pieces.join('')}</svg>`);
        expect(once).not.toMatch(/<script|\son\w+=|javascript:|evil\.example|foreignObject|@import/i);
        expect(await sanitizeSvg(once)).toBe(once);
      }),
      { numRuns: 60 },
    );
  });
});

describe('isSelfContainedCss', () => {
  it.each([
    ['.a { fill: red }', true],
    ['fill: url(#a)', true],
    ["fill: url( '#a' )", true],
    ['fill: url(https://x.example/a)', false],
    ['fill: url(#a), url(//x.example/b)', false],
    ['@import "x.css";', false],
    ['@IMPORT url(#a);', false],
    ['background: image-set("x.png" 1x)', false],
    ['fill: u\\72l(https://x.example/)', false],
    ['@font-face { src: local(a) }', false],
    ['fill: ur/**/l(https://x.example/)', false],
  ])('%s -> %s', (css, expected) => {
    expect(isSelfContainedCss(css)).toBe(expected);
  });
});
