import { describe, expect, it } from 'vitest';
import { jsonBody } from './json-body.js';

describe('jsonBody', () => {
  it('leaves out what is undefined, not finite, or an object left empty', () => {
    expect(
      jsonBody({
        model: 'm',
        prompt: undefined,
        seed: Number.NaN,
        flag: false,
        none: null,
        metadata: { mode: undefined, extra: {} },
        images: ['a', undefined, 'b'],
        options: { mode: 'std', size: undefined },
        fn: () => 1,
      }),
    ).toEqual({ model: 'm', flag: false, none: null, images: ['a', 'b'], options: { mode: 'std' } });
  });

  it('keeps empty lists, which say something', () => {
    expect(jsonBody({ tags: [] })).toEqual({ tags: [] });
  });
});
