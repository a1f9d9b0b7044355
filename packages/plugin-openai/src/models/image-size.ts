import { parseAspectRatio, type Warning } from '@genhub/provider';
import { CUSTOM_SIZE_LIMITS, type ImageModelEntry } from './image-catalogue.js';

/** The area gpt-image-2 is given for an aspect ratio: that of its 1536x1024 standard size. */
const TARGET_PIXELS = 1536 * 1024;

/**
 * The `size` to send for an aspect ratio (chat's `aspectRatio` setting) when no size was given:
 * gpt-image-2 renders the ratio itself (edges multiples of 16, the ratio kept between 1:3 and 3:1);
 * the other models take the nearest of square, landscape (3:2) and portrait (2:3), with a warning
 * when that is not the ratio asked for.
 */
export function sizeForAspectRatio(
  entry: ImageModelEntry,
  aspectRatio: string,
): { size: string; warning?: Warning } {
  const asked = parseAspectRatio(aspectRatio);
  const { multiple, maxRatio } = CUSTOM_SIZE_LIMITS;
  const ratio = Math.min(maxRatio, Math.max(1 / maxRatio, asked));
  if (entry.customSizes) {
    const edge = (value: number) => Math.round(value / multiple) * multiple;
    let width = edge(Math.sqrt(TARGET_PIXELS * ratio));
    let height = edge(Math.sqrt(TARGET_PIXELS / ratio));
    // Rounding can push an extreme ratio just past 3:1; shorten the long edge back inside.
    while (width / height > maxRatio) width -= multiple;
    while (height / width > maxRatio) height -= multiple;
    return { size: `${width}x${height}` };
  }
  const [size, exact] =
    ratio > 1.2 ? ['1536x1024', 1.5] : ratio < 1 / 1.2 ? ['1024x1536', 1 / 1.5] : ['1024x1024', 1];
  if (Math.abs(asked - exact) < 1e-9) return { size };
  const reason = `${entry.name} makes 1:1, 3:2 and 2:3 images only`;
  return { size, warning: { type: 'adjusted', param: 'aspectRatio', from: aspectRatio, to: size, reason } };
}
