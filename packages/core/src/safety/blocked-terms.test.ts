import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertNotBlocked, BLOCKED_PROMPT_SENTENCE, compileBlockedTerms } from './blocked-terms.js';

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
});
