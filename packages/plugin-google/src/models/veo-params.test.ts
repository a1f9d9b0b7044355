import { describe, expect, it } from 'vitest';
import { VEO_MODELS, type VeoModelFacts } from './veo-catalogue.js';
import { veoParams } from './veo-params.js';

const facts = (vendorId: string): VeoModelFacts => {
  const found = VEO_MODELS.find((model) => model.vendorId === vendorId);
  if (!found) throw new Error(vendorId);
  return found;
};
const image = { url: 'data:image/png;base64,iVBORw0KGgo=' };
const video = 'https://generativelanguage.googleapis.com/v1beta/files/abc-1:download?alt=media';

/** The parameter the schema names first for these values, or undefined when they pass. */
function firstIssue(vendorId: string, values: Record<string, unknown>): string | undefined {
  const parsed = veoParams(facts(vendorId)).safeParse({ prompt: 'a fox', ...values });
  return parsed.success ? undefined : String(parsed.error.issues[0]?.path[0]);
}

describe('Veo parameters', () => {
  it('fills the documented defaults: 16:9, 8 seconds, 720p, one video', () => {
    expect(veoParams(facts('veo-3.1-generate-preview')).parse({ prompt: 'a fox' })).toEqual({
      prompt: 'a fox',
      aspectRatio: '16:9',
      duration: 8,
      resolution: '720p',
      quantity: 1,
    });
    expect(veoParams(facts('veo-2.0-generate-001')).parse({ prompt: 'a fox' })).not.toHaveProperty(
      'resolution',
    );
  });

  it.each([
    ['veo-3.1-generate-preview', { duration: 5 }, 'duration'],
    ['veo-2.0-generate-001', { duration: 4 }, 'duration'],
    ['veo-3.1-generate-preview', { resolution: '1080p', duration: 6 }, 'duration'],
    ['veo-3.1-lite-generate-preview', { resolution: '4k' }, 'resolution'],
    ['veo-3.1-generate-preview', { quantity: 2 }, 'quantity'],
    ['veo-3.1-generate-preview', { lastFrame: image }, 'lastFrame'],
    ['veo-3.0-generate-001', { lastFrame: image, firstFrame: image }, undefined],
    ['veo-3.1-generate-preview', { images: [image, image, image, image] }, 'images'],
    ['veo-3.1-generate-preview', { personGeneration: 'allow_adult' }, 'personGeneration'],
    ['veo-3.1-generate-preview', { personGeneration: 'allow_all', firstFrame: image }, 'personGeneration'],
    ['veo-2.0-generate-001', { personGeneration: 'dont_allow' }, undefined],
    ['veo-3.1-generate-preview', { extendVideo: 'https://example.com/clip.mp4' }, 'extendVideo'],
    ['veo-3.1-generate-preview', { extendVideo: video, resolution: '1080p' }, 'resolution'],
    ['veo-3.1-generate-preview', { extendVideo: video, firstFrame: image }, 'extendVideo'],
    ['veo-3.1-generate-preview', { extendVideo: video, personGeneration: 'allow_all' }, undefined],
  ])('%s with %j: %s', (vendorId, values, param) => {
    // veo-3.0 has no lastFrame: the schema strips it (core warns of it) rather than refusing.
    expect(firstIssue(vendorId, values)).toBe(param);
  });
});
