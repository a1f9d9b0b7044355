import { GenHubError, jsonBody, type Price, safetyControl } from '@genhub/provider';
import { z } from 'zod';
import type { RunwayApi } from '../api/runway-api.js';
import { USD_PER_CREDIT } from '../api/runway-api.js';
import type { MediaUri } from '../media/media-uri.js';

/** What every model's `submit` sends through. */
export interface ModelDeps {
  api: RunwayApi;
  media: MediaUri;
}

/** A price estimate from Runway credits. */
export function creditsPrice(credits: number): Price {
  return { usd: Math.round(credits * USD_PER_CREDIT * 100) / 100, approximate: true };
}

/**
 * Runway's documented moderation setting (`contentModeration.publicFigureThreshold`): a safety
 * control, `low` (less strict about recognisable public figures) only at `mature`.
 */
export const publicFigureThreshold = safetyControl(z.enum(['auto', 'low']).optional(), {
  strict: 'auto',
  standard: 'auto',
  mature: 'low',
});

/** Runway's content moderation setting, left out when not set. */
export function moderation(threshold: 'auto' | 'low' | undefined) {
  return jsonBody({ publicFigureThreshold: threshold });
}

/** A refusal of a missing input, naming the parameter. */
export function missingInput(param: string, model: string, task: string): GenHubError {
  return new GenHubError('INVALID_INPUT', `${model} needs ${param} for ${task}.`, {
    retryable: false,
    details: { param },
  });
}
