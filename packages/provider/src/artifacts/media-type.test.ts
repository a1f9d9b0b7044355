import { describe, expect, it } from 'vitest';
import { extensionFor, mediaTypeForExtension } from './media-type.js';

describe('mediaTypeForExtension', () => {
  it('reads extensions and format names both ways with extensionFor', () => {
    expect(mediaTypeForExtension('png')).toBe('image/png');
    expect(mediaTypeForExtension('.JPG')).toBe('image/jpeg');
    expect(mediaTypeForExtension('jpeg')).toBe('image/jpeg');
    expect(mediaTypeForExtension('mp3')).toBe('audio/mpeg');
    expect(mediaTypeForExtension('wav')).toBe('audio/wav');
    expect(mediaTypeForExtension('ogg_opus')).toBe('audio/ogg');
    expect(mediaTypeForExtension('glb')).toBe('model/gltf-binary');
    expect(mediaTypeForExtension('svg')).toBe('image/svg+xml');
    expect(mediaTypeForExtension('nope')).toBeUndefined();
    for (const type of ['image/png', 'video/mp4', 'audio/mpeg', 'image/webp']) {
      expect(mediaTypeForExtension(extensionFor(type))).toBe(type);
    }
  });

  it('gives only a type of the kind asked for', () => {
    expect(mediaTypeForExtension('mp3', 'audio')).toBe('audio/mpeg');
    expect(mediaTypeForExtension('jpg', 'image')).toBe('image/jpeg');
    expect(mediaTypeForExtension('mpeg', 'audio')).toBeUndefined();
    expect(mediaTypeForExtension('mp4', 'audio')).toBeUndefined();
    expect(mediaTypeForExtension('mov', 'video')).toBe('video/quicktime');
  });
});
