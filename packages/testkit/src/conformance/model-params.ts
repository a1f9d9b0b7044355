import { type ModelSpec, validateParams } from '@genhub/core';
import type { ConformanceSession } from './conformance-session.js';

/**
 * Parameters that work for a model, as a user would give them: its first planned request's, else its
 * example; undefined when it has neither.
 */
export function workingParams(
  session: ConformanceSession,
  model: ModelSpec,
): Record<string, unknown> | undefined {
  const planned = session.plan().runs.find((run) => run.model.id === model.id);
  if (planned) return { ...planned.scenario.request.params };
  return model.example ? { ...model.example } : undefined;
}

/** The GenHubError validation throws for these parameters, or undefined when they pass. */
export function validationError(model: ModelSpec, params: Readonly<Record<string, unknown>>): unknown {
  try {
    validateParams(model, params);
    return undefined;
  } catch (error) {
    return error;
  }
}

/** A short JSON rendering of a value for messages. */
export function shortJson(value: unknown, max = 80): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
