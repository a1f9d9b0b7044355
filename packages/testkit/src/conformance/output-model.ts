import type { ModelSpec } from '@genhub/core';
import type { ConformanceSession, RunRecord } from './conformance-session.js';

/** The listed model a run asked for, by id or alias. */
export function modelOfRun(session: ConformanceSession, run: RunRecord): ModelSpec | undefined {
  const id = run.model;
  return (
    session.models.find((model) => model.id === id) ??
    session.models.find((model) => model.id === id.toLowerCase() || model.aliases?.includes(id))
  );
}
