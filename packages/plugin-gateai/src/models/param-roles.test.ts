import { describe, expect, it } from 'vitest';
import { DOCUMENT_CATALOGUE } from '../catalogue/document-catalogue.js';
import { assignRoles, renameFromWire, renameToWire } from './param-roles.js';

const params = (id: string) => DOCUMENT_CATALOGUE.find((m) => m.id === id)!.params;
const names = (id: string) => {
  const roles = assignRoles(params(id));
  return Object.fromEntries([...roles.byWire].map(([wire, role]) => [wire, role.key]));
};

describe('GateAI parameter names and the shared vocabulary', () => {
  it('maps the meanings the vocabulary covers and keeps the rest', () => {
    expect(names('seedance-2.0')).toEqual({
      prompt: 'prompt',
      width: 'width',
      height: 'height',
      duration: 'duration',
      seed: 'seed',
      quantity: 'quantity',
      reference_image_urls: 'images',
      start_frame: 'firstFrame',
      end_frame: 'lastFrame',
      reference_video_urls: 'referenceVideo',
      reference_audio_urls: 'referenceAudio',
      generate_audio: 'generate_audio',
      enable_safety_checker: 'enable_safety_checker',
    });
    expect(names('hailuo-2_3')).toMatchObject({
      durationSeconds: 'duration',
      start_frame: 'firstFrame',
      resolution: 'resolution',
    });
    expect(names('ltxv-2.0-fast')).toMatchObject({ aspect_ratio: 'aspectRatio', fps: 'fps' });
    expect(names('ideogram-v3.0')).toMatchObject({
      style: 'style',
      image_urls: 'images',
      negative_prompt: 'negativePrompt',
      mode: 'mode',
    });
    expect(names('gpt-image-2')).toMatchObject({ quality: 'quality', image_guidances: 'image_guidances' });
  });

  it('knows which GateAI fields hold lists', () => {
    const roles = assignRoles(params('seedance-2.0'));
    expect(roles.byKey.get('images')).toMatchObject({ wire: 'reference_image_urls', list: true });
    expect(roles.byKey.get('firstFrame')).toMatchObject({ wire: 'start_frame', list: false });
    expect(assignRoles({ image: {} }).byKey.get('images')).toMatchObject({ wire: 'image', list: false });
  });

  it('gives the first documented name the meaning; a second one keeps its own name', () => {
    const roles = assignRoles({ image_urls: { type: 'array' }, image: {} });
    expect(roles.byKey.get('images')?.wire).toBe('image_urls');
    expect(roles.byKey.get('image')?.vocabulary).toBe(false);
  });

  it('leaves out a GateAI parameter named like a taken vocabulary key', () => {
    const roles = assignRoles({ image_urls: {}, images: { type: 'array' } });
    expect(roles.dropped).toEqual(['images']);
    expect(roles.byKey.get('images')?.wire).toBe('image_urls');
  });

  it('translates both ways', () => {
    const roles = assignRoles(params('kling-3.0'));
    const ours = {
      prompt: 'p',
      duration: 10,
      firstFrame: { url: 'https://x/a.png' },
      mode: 'RESOLUTION_720',
    };
    const wire = renameToWire(roles, ours);
    expect(wire).toEqual({
      prompt: 'p',
      durationSeconds: 10,
      start_frame: { url: 'https://x/a.png' },
      mode: 'RESOLUTION_720',
    });
    expect(
      renameFromWire(roles, {
        prompt: 'p',
        durationSeconds: 10,
        start_frame: 'https://x/a.png',
        image_urls: ['https://x/b.png'],
      }),
    ).toEqual({
      prompt: 'p',
      duration: 10,
      firstFrame: { url: 'https://x/a.png' },
      images: [{ url: 'https://x/b.png' }],
    });
  });
});
