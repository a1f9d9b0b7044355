import type { JsonObject, ModelSpec } from '@genhub/core';
import type { ConformanceOptions, ModelRequest } from './conformance-options.js';
import type { Scenario } from './run-scenario.js';

/** One success run of one model. */
export interface PlannedRun {
  model: ModelSpec;
  /** Where the request came from, for messages: `its example`, `its request 2`. */
  source: string;
  scenario: Scenario;
  /** A JSON body the run must send, when the author gave one. */
  sends?: JsonObject;
}

export interface ModelPlan {
  runs: PlannedRun[];
  /** Models with neither an example nor a request: nothing exercises them. */
  unexercised: ModelSpec[];
  /** Keys of `requests` that name no listed model. */
  unknownIds: string[];
}

/** The success runs every listed model gets: its `requests` when given, else its `example`. */
export function planModelRuns(models: readonly ModelSpec[], options: ConformanceOptions): ModelPlan {
  const given = options.requests ?? {};
  const runs: PlannedRun[] = [];
  const unexercised: ModelSpec[] = [];
  const { success } = options.fake.scenarios;
  const successArrange = success.arrange ? () => success.arrange!() : undefined;
  for (const model of models) {
    const requests = given[model.id];
    const list: readonly ModelRequest[] | undefined =
      requests === undefined ? undefined : Array.isArray(requests) ? requests : [requests as ModelRequest];
    const sources: Array<[string, ModelRequest]> = list
      ? list.map((request, index) => [
          list.length === 1 ? 'its request' : `its request ${index + 1}`,
          request,
        ])
      : model.example
        ? [['its example', { params: { ...model.example } }]]
        : [];
    if (sources.length === 0) unexercised.push(model);
    for (const [source, request] of sources) {
      const arrange = request.arrange ? () => request.arrange!() : successArrange;
      runs.push({
        model,
        source,
        scenario: {
          request: { model: model.id, task: request.task ?? model.tasks[0]!, params: { ...request.params } },
          ...(arrange ? { arrange } : {}),
        },
        ...(request.sends ? { sends: request.sends } : {}),
      });
    }
  }
  const ids = new Set(models.map((model) => model.id));
  return { runs, unexercised, unknownIds: Object.keys(given).filter((id) => !ids.has(id)) };
}
