import { GenHubError, type ModelSpec, vocabulary } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inputMediaParams } from './input-media-params.js';

function model(id: string, shape: z.ZodRawShape): ModelSpec {
  return {
    id,
    name: id,
    tasks: ['image-to-video', 'image-to-image'],
    output: 'video',
    params: z.object(shape),
    estimatePrice: () => ({ usd: 0 }),
    example: {},
  };
}

const a = { url: 'https://example.com/a.png' };
const b = { url: 'https://example.com/b.png' };
const c = { url: 'https://example.com/c.png' };

const framesAndReferences = model('x/frames-and-references', {
  firstFrame: vocabulary.firstFrame.optional(),
  lastFrame: vocabulary.lastFrame.optional(),
  images: vocabulary.images.optional(),
  referenceVideo: vocabulary.referenceVideo.optional(),
});
const referencesOnly = model('x/references', { images: vocabulary.images.optional() });
const firstFrameOnly = model('x/first-frame', { firstFrame: vocabulary.firstFrame.optional() });

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (GenHubError.isInstance(error) && error.code === 'INVALID_INPUT') return error.message;
    throw error;
  }
  throw new Error('not refused');
}

describe('inputMediaParams', () => {
  it('fills first frame, last frame, then references for a video task', () => {
    expect(inputMediaParams(framesAndReferences, 'image-to-video', { images: [a, b, c] })).toEqual({
      firstFrame: a,
      lastFrame: b,
      images: [c],
    });
    expect(inputMediaParams(framesAndReferences, 'image-to-video', { images: [a] })).toEqual({
      firstFrame: a,
    });
  });

  it('gives every image to images for an image task, and to the first frame where there is no images', () => {
    expect(inputMediaParams(framesAndReferences, 'image-to-image', { images: [a, b] })).toEqual({
      images: [a, b],
    });
    expect(inputMediaParams(referencesOnly, 'image-to-video', { images: [a, b] })).toEqual({
      images: [a, b],
    });
    expect(inputMediaParams(firstFrameOnly, 'image-to-image', { images: [a] })).toEqual({ firstFrame: a });
  });

  it('puts a video where the model takes one, and refuses what it has no place for, naming it', () => {
    expect(inputMediaParams(framesAndReferences, 'image-to-video', { video: a })).toEqual({
      referenceVideo: a,
    });
    expect(refusal(() => inputMediaParams(firstFrameOnly, 'image-to-video', { images: [a, b] }))).toBe(
      'x/first-frame takes at most 1 input image.',
    );
    expect(refusal(() => inputMediaParams(firstFrameOnly, 'image-to-video', { mask: a }))).toBe(
      'x/first-frame takes no mask.',
    );
    expect(refusal(() => inputMediaParams(referencesOnly, 'image-to-video', { audio: a }))).toBe(
      'x/references takes no input audio file.',
    );
  });
});
