import type { FollowUp, JsonValue } from '@genhub/provider';
import { TOOLS } from '../models/catalogue.js';

/**
 * The next steps offered under a raster result, as ordinary GenHub requests on Recraft's own URL
 * (valid for about a day): vectorize it into an SVG, or cut its background out. Upscale is left to
 * chat's own Upscale button, which any upscale model answers.
 */
export function rasterFollowUps(imageUrl: string): JsonValue[] {
  const images = [{ url: imageUrl }];
  const followUps: FollowUp[] = [
    { label: 'Vectorize', task: TOOLS.vectorize.task, model: 'recraft/vectorize', params: { images } },
    {
      label: 'Remove background',
      task: TOOLS['remove-background'].task,
      model: 'recraft/remove-background',
      params: { images },
    },
  ];
  return followUps.map(({ label, task, model, params }) => ({ label, task, model, params }));
}
