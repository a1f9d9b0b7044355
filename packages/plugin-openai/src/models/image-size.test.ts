import { describe, expect, it } from 'vitest';
import { IMAGE_MODELS } from './image-catalogue.js';
import { sizeForAspectRatio } from './image-size.js';

const model = (id: string) => IMAGE_MODELS.find((entry) => entry.vendorId === id)!;

describe('sizeForAspectRatio', () => {
  it('gives gpt-image-2 the ratio itself, edges multiples of 16, kept within 1:3 to 3:1', () => {
    expect(sizeForAspectRatio(model('gpt-image-2'), '16:9')).toEqual({ size: '1680x944' });
    expect(sizeForAspectRatio(model('gpt-image-2'), '1:1')).toEqual({ size: '1248x1248' });
    expect(sizeForAspectRatio(model('gpt-image-2'), '1:8').size).toBe('720x2160');
  });

  it('snaps the other models to square, 3:2 or 2:3, warning when that is not what was asked', () => {
    expect(sizeForAspectRatio(model('gpt-image-1'), '3:2')).toEqual({ size: '1536x1024' });
    expect(sizeForAspectRatio(model('gpt-image-1'), '9:16')).toMatchObject({
      size: '1024x1536',
      warning: { type: 'adjusted', param: 'aspectRatio', from: '9:16', to: '1024x1536' },
    });
  });
});
