import { GenHubError } from '@genhub/provider';
import type { LumaApi } from '../api/luma-api.js';

/** What every model's `submit` sends through. */
export interface ModelDeps {
  api: LumaApi;
}

/** A refusal of a missing input, naming the parameter. */
export function missingInput(param: string, model: string, task: string): GenHubError {
  return new GenHubError('INVALID_INPUT', `${model} needs ${param} for ${task}.`, {
    retryable: false,
    details: { param },
  });
}
