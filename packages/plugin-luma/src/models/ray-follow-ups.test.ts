import { followUpsOf } from '@genhub/provider';
import { describe, expect, it } from 'vitest';
import { rayFollowUps } from './ray-follow-ups.js';

const labels = (video: Parameters<typeof rayFollowUps>[0]) =>
  followUpsOf({ followUps: rayFollowUps(video)('gen-1') }).map((followUp) => followUp.label);

describe('rayFollowUps', () => {
  const video = {
    model: 'luma/ray-2',
    prompt: 'a boat',
    aspectRatio: '16:9',
    resolution: '720p',
    duration: 5,
  };

  it('offers every button under a video made with a prompt', () => {
    expect(labels(video)).toEqual(['Extend', 'Extend back', 'Loop back', 'Upscale', 'Add audio']);
  });

  it('offers no keyframe buttons without a prompt (Luma needs one), and no Upscale at 4K', () => {
    expect(labels({ ...video, prompt: undefined })).toEqual(['Upscale', 'Add audio']);
    expect(labels({ ...video, resolution: '4k' })).toEqual([
      'Extend',
      'Extend back',
      'Loop back',
      'Add audio',
    ]);
  });

  it('upscales 1080p to 4K and anything smaller to 1080p', () => {
    const target = (resolution: string) =>
      followUpsOf({ followUps: rayFollowUps({ ...video, resolution })('gen-1') }).find(
        (followUp) => followUp.label === 'Upscale',
      )?.params.resolution;
    expect(target('1080p')).toBe('4k');
    expect(target('540p')).toBe('1080p');
  });
});
