import type { ModelSpec } from '@genhub/provider';
import { GenHubError } from '@genhub/provider';

/**
 * Enforces a model's `limits` on the request: the prompt's length (in characters as people count
 * them, after trimming, as the vocabulary's prompt trims), the quantity, and the number of input
 * images. Over a limit is INVALID_INPUT; nothing is cut short or lowered silently. Values of the
 * wrong type are left for the schema to report.
 */
export function checkModelLimits(model: ModelSpec, params: Readonly<Record<string, unknown>>): void {
  const limits = model.limits;
  if (!limits) return;
  const { prompt, quantity, images } = params;

  if (limits.promptMaxLength !== undefined && typeof prompt === 'string') {
    const length = [...prompt.trim()].length;
    if (length > limits.promptMaxLength) {
      throw new GenHubError(
        'INVALID_INPUT',
        `The prompt is ${length} characters; ${model.name} accepts at most ${limits.promptMaxLength}.`,
        { details: { param: 'prompt', length, max: limits.promptMaxLength } },
      );
    }
  }

  if (limits.maxQuantity !== undefined && typeof quantity === 'number' && quantity > limits.maxQuantity) {
    throw new GenHubError(
      'INVALID_INPUT',
      `quantity is ${quantity}; ${model.name} makes at most ${limits.maxQuantity} per request.`,
      { details: { param: 'quantity', value: quantity, max: limits.maxQuantity } },
    );
  }

  if (limits.maxInputImages !== undefined && Array.isArray(images) && images.length > limits.maxInputImages) {
    const given = `${images.length} input ${images.length === 1 ? 'image was' : 'images were'} given`;
    const message =
      limits.maxInputImages === 0
        ? `${model.name} takes no input images; ${given}.`
        : `${given}; ${model.name} accepts at most ${limits.maxInputImages}.`;
    throw new GenHubError('INVALID_INPUT', message, {
      details: { param: 'images', count: images.length, max: limits.maxInputImages },
    });
  }
}
