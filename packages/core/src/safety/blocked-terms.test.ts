import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertNotBlocked,
  BLOCKED_PROMPT_SENTENCE,
  compileBlockedTerms,
  isValidBlockedEntry,
} from './blocked-terms.js';

describe('compileBlockedTerms', () => {
  const terms = compileBlockedTerms(['gore', 'blood bath', '/nud(e|ity)/', '  ']);

  it('finds a blocked word in any case, accented, or with spaces and punctuation between its letters', () => {
    for (const text of [
      'GORE everywhere',
      'a g o r e scene',
      'g.o-r_e',
      'gōré!',
      'ＧＯＲＥ',
      'a Blood-Bath',
      'bloodbath',
    ]) {
      expect(terms.find(text), text).toBeDefined();
    }
    expect(terms.find('tasteful NUDITY')).toBe('/nud(e|ity)/');
  });

  it('leaves words that only contain a blocked one, and clean prompts, alone', () => {
    for (const text of ['Gorey Street at dusk', 'a gorecki symphony', 'a fox in the snow', '']) {
      expect(terms.find(text), text).toBeUndefined();
    }
  });

  it('catches the word however it is spaced or cased (property)', () => {
    const separators = fc.constantFrom('', ' ', '.', '-', '_', '  ', '*');
    fc.assert(
      fc.property(
        fc.array(separators, { minLength: 3, maxLength: 3 }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        (seps, upper) => {
          const letters = ['g', 'o', 'r', 'e'].map((letter, i) => (upper[i] ? letter.toUpperCase() : letter));
          const word = letters.reduce((text, letter, i) => text + (i === 0 ? '' : seps[i - 1]) + letter, '');
          return terms.find(`a ${word} scene`) === 'gore';
        },
      ),
    );
  });

  it('refuses parameters holding a blocked term with one sentence that names no term', () => {
    expect(() => assertNotBlocked(terms, { prompt: 'a fox', negativePrompt: 'g o r e' })).toThrow(
      BLOCKED_PROMPT_SENTENCE,
    );
    expect(() =>
      assertNotBlocked(terms, { prompt: 'a fox', images: [{ url: 'https://x/gore.png' }] }),
    ).not.toThrow();
    expect(BLOCKED_PROMPT_SENTENCE).not.toMatch(/gore/i);
  });

  it('lets a word go on past a * at its start or end, and nowhere else', () => {
    const wild = compileBlockedTerms(['nud*', '*porn', 'ab*c']);
    expect(wild.find('a N.U.D.I.T.Y study')).toBe('nud*');
    expect(wild.find('nude')).toBe('nud*');
    expect(wild.find('a sunuder')).toBeUndefined();
    expect(wild.find('some xporn')).toBe('*porn');
    expect(wild.find('pornography')).toBeUndefined();
    // A star inside an entry is punctuation, as anywhere else.
    expect(wild.find('abc')).toBe('ab*c');
    expect(wild.find('abxc')).toBeUndefined();
  });

  it('reads a community’s /.../ entry as a word, never as a regular expression', () => {
    const community = compileBlockedTerms(['/(a+)+$/'], { regex: false });
    expect(community.find('a')).toBe('/(a+)+$/');
    expect(community.find(`${'a'.repeat(50_000)}!`)).toBeUndefined();
    expect(isValidBlockedEntry('/(unclosed/', { regex: false })).toBe(true);
    expect(isValidBlockedEntry('/(unclosed/')).toBe(false);
  });

  it('finds a word entry in a long adversarial text, and only where it is (property)', () => {
    const words = compileBlockedTerms(['bad', 'b*', '*d'], { regex: false });
    fc.assert(
      fc.property(fc.stringMatching(/^[ab .-]{0,300}$/), (text) => {
        const found = words.find(text);
        const tokens = text.split(/[^a-z]+/).filter((token) => token !== '');
        // Without a d in the text only 'b*' can match, exactly when a word starts with b.
        return found === (tokens.some((token) => token.startsWith('b')) ? 'b*' : undefined);
      }),
    );
    const spaced = `b${' .'.repeat(40_000)}a${' '.repeat(40_000)}x`;
    expect(compileBlockedTerms(['bad'], { regex: false }).find(spaced)).toBeUndefined();
  });
});
