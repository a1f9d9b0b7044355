import { describe, expect, it } from 'vitest';
import { DOCUMENT_CATALOGUE } from './document-catalogue.js';

const byId = new Map(DOCUMENT_CATALOGUE.map((model) => [model.id, model]));
const model = (id: string) => {
  const found = byId.get(id);
  if (!found) throw new Error(`no ${id}`);
  return found;
};

describe('the catalogue bundled from the document', () => {
  it('holds all 53 models of docs.txt: 19 image, 33 video, 1 3D, ids unique', () => {
    expect(DOCUMENT_CATALOGUE).toHaveLength(53);
    expect(byId.size).toBe(53);
    const count = (type: string) => DOCUMENT_CATALOGUE.filter((m) => m.type === type).length;
    expect([count('image'), count('video'), count('3d')]).toEqual([19, 33, 1]);
    for (const entry of DOCUMENT_CATALOGUE) {
      expect(entry.example?.model, entry.id).toBe(entry.id);
      expect(entry.example?.type, entry.id).toBe(entry.type);
      expect(entry.cost, entry.id).toMatch(/^~\$\d/);
      expect(entry.name, entry.id).toMatch(/^[^`#*]{3,40}$/);
    }
  });

  it('keeps parameter tables: types, required, defaults, enums, min/max/step, lengths, descriptions', () => {
    expect(model('flux-dev').params).toMatchObject({
      mode: { type: 'string', required: false, enum: ['FAST', 'ULTRA'], default: 'FAST' },
      seed: { type: 'integer', required: false, min: 0, max: 2147483637 },
      width: { type: 'integer', default: 1024, min: 16, max: 2496, step: 8 },
      prompt: { type: 'string', required: true, minLen: 1, maxLen: 2000 },
      guidance_scale: { type: 'number', default: 3.5, min: 1, max: 10 },
      num_inference_steps: {
        type: 'integer',
        default: 28,
        min: 1,
        max: 40,
        description: 'Number of denoising steps',
      },
    });
    expect(model('seedance-2.0').params.duration).toMatchObject({
      type: 'integer',
      enum: [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
      default: 8,
    });
    // `?` in the document is an absent type; "YES" is required.
    expect(model('hailuo-2_3-fast').params.start_frame).toEqual({
      required: true,
      description: 'First frame image for image-to-video generation (required for fast variant)',
    });
    expect(model('ideogram-v3.0').params.negative_prompt).toEqual({
      type: 'string',
      required: false,
      default: '',
    });
    expect(model('nano-banana-2').params.response_modalities?.default).toEqual(['IMAGE']);
    expect(model('veo-3.1-lite').params.motion_has_audio).toEqual({ required: false, default: true });
    expect(model('kino-xl').params).toEqual({});
  });

  it('keeps "Supported Resolutions" as presets and "Dimension Range" as ranges', () => {
    expect(model('gemini-2.5-flash-image').sizes?.presets).toHaveLength(10);
    expect(model('gemini-2.5-flash-image').sizes?.presets?.[9]).toEqual({
      label: 'Ultrawide (21:9)',
      width: 1536,
      height: 672,
    });
    expect(model('gpt-image-2').sizes?.presets).toHaveLength(30);
    expect(model('gpt-image-2').sizes?.presets?.[8]).toEqual({
      label: '16:9 large',
      width: 3584,
      height: 2016,
    });
    expect(model('flux-dev').sizes?.range).toEqual({
      minWidth: 480,
      maxWidth: 2048,
      minHeight: 480,
      maxHeight: 2048,
      step: 8,
    });
    expect(model('lucid-origin').sizes?.range).toMatchObject({ maxWidth: 3840, maxHeight: 3616 });
    expect(model('hailuo-2_3').validWidths).toEqual([768, 1376, 1080, 1920]);
    expect(model('auto-image').name).toBe('Auto Image');
    expect(model('lucid-origin').name).toBe('Cortex 1.5');
    expect(model('rodin-v2')).toMatchObject({ type: '3d', cost: '~$0.16 per generation' });
  });
});
