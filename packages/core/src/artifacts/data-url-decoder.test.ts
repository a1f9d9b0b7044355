import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataUrlPayloadDecoder } from './data-url-decoder.js';

/** Decodes the text cut at the given positions, one piece per write. */
function decodeInPieces(text: string, cuts: readonly number[], base64: boolean): Buffer {
  const decoder = new DataUrlPayloadDecoder({ base64 });
  const positions = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const position of [...positions, text.length]) {
    out.push(decoder.write(text.slice(from, position)));
    from = position;
  }
  out.push(decoder.end());
  return Buffer.concat(out);
}

/** What a percent-encoded payload means, decoded at once: each `%XX` a byte, the rest its UTF-8. */
function percentDecodedAtOnce(text: string): Buffer {
  return Buffer.concat(
    text
      .split(/(%[0-9a-fA-F]{2})/)
      .map((part) =>
        /^%[0-9a-fA-F]{2}$/.test(part)
          ? Buffer.from([Number.parseInt(part.slice(1), 16)])
          : Buffer.from(part, 'utf8'),
      ),
  );
}

const cuts = fc.array(fc.nat({ max: 10_000 }), { maxLength: 12 });

describe('DataUrlPayloadDecoder', () => {
  it('decodes base64 cut anywhere: either alphabet, with whitespace, escapes, and with or without padding', () => {
    const spelling = fc.record({
      urlSafe: fc.boolean(),
      unpadded: fc.boolean(),
      escaped: fc.boolean(),
      spaces: fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '\n', '\r\n', '\t')), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), spelling, cuts, (bytes, how, positions) => {
        let text = Buffer.from(bytes).toString(how.urlSafe ? 'base64url' : 'base64');
        if (how.urlSafe && !how.unpadded) text += '='.repeat((4 - (text.length % 4)) % 4);
        if (how.unpadded) text = text.replace(/=+$/, '');
        for (const [at, space] of how.spaces) {
          const index = at % (text.length + 1);
          text = text.slice(0, index) + space + text.slice(index);
        }
        if (how.escaped) text = text.replaceAll('/', '%2F').replaceAll('=', '%3d');
        expect(decodeInPieces(text, positions, true)).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it('decodes percent-encoded text cut anywhere, inside escapes and surrogate pairs too', () => {
    const part = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 4 }),
      fc.string({ unit: 'binary-ascii', maxLength: 8 }),
      fc.integer({ min: 0, max: 255 }).map((byte) => `%${byte.toString(16).padStart(2, '0')}`),
      fc.integer({ min: 0, max: 255 }).map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`),
      // A stray `%`, an escape cut short, an astral character, and both halves of one alone.
      fc.constantFrom('%', '%%', '%4', '%zz', '%%41', '\u{1F98A}', '\uD83E', '\uDD8A'),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 20 }), cuts, (parts, positions) => {
        const text = parts.join('');
        expect(decodeInPieces(text, positions, false)).toEqual(percentDecodedAtOnce(text));
      }),
    );
  });

  it('gives each byte as soon as it is whole', () => {
    const decoder = new DataUrlPayloadDecoder({ base64: true });
    expect(Buffer.from(decoder.write('SGVsbG8'))).toEqual(Buffer.from('Hel'));
    expect(Buffer.from(decoder.write('gd29y bGQ'))).toEqual(Buffer.from('lo wor'));
    expect(Buffer.from(decoder.end())).toEqual(Buffer.from('ld'));
    const text = new DataUrlPayloadDecoder({ base64: false });
    expect(Buffer.from(text.write('a%2'))).toEqual(Buffer.from('a'));
    expect(Buffer.from(text.write('0b'))).toEqual(Buffer.from(' b'));
  });

  it.each([
    ['a character outside the alphabet', 'QUJD*QUJD'],
    ['one character too many', 'QUJDR'],
    ['padding in the middle', 'QQ==QUJD'],
    ['padding that does not complete a quantum', 'QQ='],
    ['three padding characters', 'Q==='],
    ['a bad escape', 'QU%zzJD'],
    ['a byte beyond ASCII', 'QUJ%C3%A9'],
    ['a character beyond ASCII', 'QUJé'],
  ])('refuses base64 with %s, wherever it is cut', (_, text) => {
    for (let cut = 0; cut <= text.length; cut += 1) {
      expect(() => decodeInPieces(text, [cut], true)).toThrow('That data: link is malformed.');
    }
  });
});
