import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUTTON_ACTIONS, type ButtonAction, decodeButtonId, encodeButtonId } from './button-id.js';

describe('button ids', () => {
  it('round-trip every action within 64 bytes', () => {
    const actions = Object.keys(BUTTON_ACTIONS) as ButtonAction[];
    fc.assert(
      fc.property(
        fc.constantFrom(...actions),
        fc.stringMatching(/^[A-Za-z0-9_-]{1,44}$/),
        fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
        (action, ref, index) => {
          const target = { action, ref, ...(index === undefined ? {} : { index }) };
          const id = encodeButtonId(target);
          expect(Buffer.byteLength(id)).toBeLessThanOrEqual(64);
          expect(decodeButtonId(id)).toEqual(target);
        },
      ),
    );
  });

  it('ignores ids it did not make', () => {
    for (const id of ['', 'r:abc', 'gh1:z:abc', 'gh1:r:', 'gh1:r:a b', 'gh2:r:abc', 'gh1:f:abc:1234']) {
      expect(decodeButtonId(id)).toBeUndefined();
    }
  });

  it('refuses to make an id that would not fit or not parse', () => {
    expect(() => encodeButtonId({ action: 'usagePage', ref: 'x'.repeat(60) })).toThrow();
    expect(() => encodeButtonId({ action: 'reroll', ref: 'a:b' })).toThrow();
  });
});
