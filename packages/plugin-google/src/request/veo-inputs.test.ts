import { describe, expect, it } from 'vitest';
import type { VeoParams } from '../models/veo-params.js';
import { veoInputs } from './veo-inputs.js';

const a = { url: 'data:image/png;base64,AAAA' };
const b = { url: 'data:image/png;base64,BBBB' };
const params = (extra: Record<string, unknown>) =>
  ({ prompt: 'x', aspectRatio: '16:9', duration: 8, quantity: 1, ...extra }) as VeoParams;
const paramOf = (thrown: () => unknown) => {
  try {
    thrown();
  } catch (error) {
    return (error as { details: { param: string } }).details.param;
  }
  return undefined;
};

describe('veoInputs', () => {
  it('reads images as the first and last frame for image-to-video', () => {
    expect(veoInputs(params({ images: [a, b] }), 'image-to-video')).toEqual({ firstFrame: a, lastFrame: b });
    expect(veoInputs(params({ firstFrame: a, images: [b] }), 'image-to-video')).toEqual({
      firstFrame: a,
      lastFrame: b,
    });
    expect(veoInputs(params({ firstFrame: a }), 'image-to-video')).toEqual({ firstFrame: a });
    expect(paramOf(() => veoInputs(params({}), 'image-to-video'))).toBe('firstFrame');
    expect(paramOf(() => veoInputs(params({ images: [a, b, a] }), 'image-to-video'))).toBe('images');
  });

  it('reads images as references for text-to-video, alone, 8 seconds, 16:9', () => {
    expect(veoInputs(params({ images: [a] }), 'text-to-video')).toEqual({ references: [a] });
    expect(paramOf(() => veoInputs(params({ images: [a], duration: 4 }), 'text-to-video'))).toBe('duration');
    expect(paramOf(() => veoInputs(params({ images: [a], aspectRatio: '9:16' }), 'text-to-video'))).toBe(
      'aspectRatio',
    );
    expect(paramOf(() => veoInputs(params({ images: [a], firstFrame: b }), 'text-to-video'))).toBe('images');
    expect(veoInputs(params({ firstFrame: a }), 'text-to-video')).toEqual({ firstFrame: a });
  });
});
