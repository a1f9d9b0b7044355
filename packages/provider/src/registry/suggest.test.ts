import { describe, expect, it } from 'vitest';
import { suggest } from './suggest.js';

describe('suggest', () => {
  const ids = ['gateai/seedance-2.0', 'gateai/flux-dev', 'gateai/flux-schnell', 'ainative/tts'];

  it('ranks containment before edit distance', () => {
    expect(suggest('flux', ids)).toEqual(['gateai/flux-dev', 'gateai/flux-schnell']);
  });

  it('catches typos', () => {
    expect(suggest('flux-shnell', ids)[0]).toBe('gateai/flux-schnell');
    expect(suggest('flux-shnell', ids)).not.toContain('ainative/tts');
  });

  it('caps the number of suggestions and ignores blank queries', () => {
    expect(suggest('a', ids, 2)).toHaveLength(2);
    expect(suggest('  ', ids)).toEqual([]);
  });
});
