import type { JsonObject, MediaInput, ModelSpec, Task, Warning } from '@genhub/provider';
import { GenHubError } from '@genhub/provider';
import { validateParams } from '../params/validate-params.js';
import type { Registry } from '../registry/registry.js';
import {
  applySafetyLevel,
  type SafetyRequest,
  safetyControlsOf,
  withoutSafetyControls as withoutControls,
} from '../safety/safety-controls.js';
import { usdToMicros } from './pipeline-config.js';

export interface PreparedRequest {
  model: ModelSpec;
  params: JsonObject;
  warnings: Warning[];
  priceMicros: number;
  /** The model, then the fallbacks that are registered. */
  route: string[];
  /** Media inputs the user supplied, to check before paying. */
  media: Array<{ param: string; input: MediaInput; expect: 'image' | 'video' | 'audio' }>;
}

const MEDIA_PARAMS: Record<string, 'image' | 'video' | 'audio'> = {
  images: 'image',
  firstFrame: 'image',
  lastFrame: 'image',
  referenceVideo: 'video',
  referenceAudio: 'audio',
};

/**
 * Resolves the model (or the first model for the task), checks it performs the task, sets its
 * safety controls from the level (`applySafetyLevel`), validates and snaps the parameters and
 * estimates the price. Throws a GenHubError for anything wrong.
 */
export function prepareRequest(
  registry: Registry,
  input: {
    model?: string | undefined;
    task: Task;
    params: Readonly<Record<string, unknown>>;
    safety: SafetyRequest;
  },
): PreparedRequest {
  const model = input.model ? registry.resolve(input.model).model : registry.list({ task: input.task })[0];
  if (!model) {
    throw new GenHubError('MODEL_NOT_FOUND', `No configured provider offers ${input.task}.`, {
      details: { task: input.task },
    });
  }
  if (!model.tasks.includes(input.task)) {
    const others = registry
      .list({ task: input.task })
      .slice(0, 3)
      .map((m) => m.id);
    throw new GenHubError(
      'INVALID_INPUT',
      `${model.name} does not do ${input.task}; it does ${model.tasks.join(', ')}.`,
      { suggestions: others, details: { param: 'model' } },
    );
  }
  const { params, warnings } = validateParams(model, applySafetyLevel(model, input.params, input.safety));
  const price = model.estimatePrice(params);
  if (!Number.isFinite(price.usd) || price.usd < 0) {
    throw new GenHubError('INTERNAL', `${model.id} estimated an invalid price (${String(price.usd)}).`);
  }
  const route = [model.id, ...safeFallbacks(registry, model, params, input.safety)];
  const media: PreparedRequest['media'] = [];
  for (const [param, expect] of Object.entries(MEDIA_PARAMS)) {
    const value = params[param];
    const inputs = Array.isArray(value) ? value : value === undefined ? [] : [value];
    for (const item of inputs) media.push({ param, input: item as MediaInput, expect });
  }
  return {
    model,
    params: JSON.parse(JSON.stringify(params)) as JsonObject,
    warnings,
    priceMicros: usdToMicros(price.usd),
    route: [...new Set(route)],
    media,
  };
}

/**
 * The registered fallbacks a failover would run at the same safety: the job's parameters, as the
 * failover validates them again for that model, must give each of its safety controls the level's
 * value (the level is not kept with the job).
 */
function safeFallbacks(
  registry: Registry,
  model: ModelSpec,
  params: Readonly<Record<string, unknown>>,
  safety: SafetyRequest,
): string[] {
  return (model.fallbacks ?? []).filter((id) => {
    const fallback = registry.find(id)?.model;
    if (!fallback) return false;
    try {
      const moved = validateParams(fallback, params).params;
      const expected = applySafetyLevel(fallback, withoutControls(fallback, moved), safety);
      return safetyControlsOf(fallback).every((control) => moved[control.param] === expected[control.param]);
    } catch {
      return false;
    }
  });
}
