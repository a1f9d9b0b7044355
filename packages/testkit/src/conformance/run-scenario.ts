import {
  type ErrorCode,
  GenHubError,
  type ModelSpec,
  type Output,
  type PollResult,
  type Price,
  type Provider,
  type SubmitResult,
  systemClock,
  type Task,
  type TaskRef,
  validateParams,
  type Warning,
} from '@genhub/core';

/** A request as a chat user would make it: parameters not yet validated. */
export interface ScenarioRequest {
  model: string;
  task: Task;
  params: Record<string, unknown>;
}

/** What a scenario's error should look like, when the fake API says so. */
export interface ScenarioExpectation {
  code?: ErrorCode;
  /** The Retry-After the fake API sends, in seconds. */
  retryAfterSeconds?: number;
}

/** One request and how to script the fake API for it. */
export interface Scenario {
  request: ScenarioRequest;
  /** Scripts the fake API for this scenario; runs just before the request. */
  arrange?(): void | Promise<void>;
  expect?: ScenarioExpectation;
}

export interface RunScenarioOptions {
  signal?: AbortSignal;
  /** Polls before giving up with TIMEOUT; 50 unless given. */
  maxPolls?: number;
  /** The longest wait between polls, whatever `pollAfterMs` says; 50 ms unless given. */
  maxPollDelayMs?: number;
  idempotencyKey?: string;
}

export interface ScenarioResult {
  /** `pending` when the poll limit was reached (then `error` is TIMEOUT). */
  status: 'succeeded' | 'failed' | 'cancelled' | 'pending';
  outputs: Output[];
  error: GenHubError | undefined;
  /** Where the error arose. */
  failedAt: 'validate' | 'submit' | 'poll' | undefined;
  /** Calls to `poll`. */
  polls: number;
  /** Of those, the ones that answered pending. */
  pendingPolls: number;
  /** What submit returned, when it returned. */
  submitted: SubmitResult | undefined;
  /** The task ref as submit returned it, when it returned one. */
  ref: TaskRef | undefined;
  cost: Price | undefined;
  warnings: Warning[];
  /** The parameters after validation, as the provider received them. */
  params: Readonly<Record<string, unknown>> | undefined;
}

const DEFAULT_MAX_POLLS = 50;
const DEFAULT_MAX_POLL_DELAY_MS = 50;
const DEFAULT_POLL_DELAY_MS = 10;

/** Finds a scenario's model among the provider's models, by id or alias. */
export async function findModel(provider: Provider, id: string, signal: AbortSignal): Promise<ModelSpec> {
  const models = await provider.models({ signal });
  const model =
    models.find((candidate) => candidate.id === id) ??
    models.find((candidate) => candidate.id === id.toLowerCase() || candidate.aliases?.includes(id));
  if (!model) {
    throw new Error(
      `The scenario asks for model "${id}", which the provider does not list (it lists ${models.map((m) => m.id).join(', ')}).`,
    );
  }
  return model;
}

/**
 * Runs a scenario the way the pipeline does: arrange the fake, validate the parameters, submit,
 * then poll (with the task ref round-tripped through JSON, as if persisted) until the task ends.
 * GenHubErrors end up in `error`; anything else thrown breaks the contract and rejects with a TypeError.
 */
export async function runScenario(
  provider: Provider,
  scenario: Scenario,
  options: RunScenarioOptions = {},
): Promise<ScenarioResult> {
  const signal = options.signal ?? new AbortController().signal;
  const maxPolls = options.maxPolls ?? DEFAULT_MAX_POLLS;
  const maxDelay = options.maxPollDelayMs ?? DEFAULT_MAX_POLL_DELAY_MS;
  const result: ScenarioResult = {
    status: 'failed',
    outputs: [],
    error: undefined,
    failedAt: undefined,
    polls: 0,
    pendingPolls: 0,
    submitted: undefined,
    ref: undefined,
    cost: undefined,
    warnings: [],
    params: undefined,
  };
  const fail = (error: unknown, at: 'validate' | 'submit' | 'poll'): ScenarioResult => {
    if (!GenHubError.isInstance(error)) {
      const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new TypeError(`${at} threw ${what}; plugins throw GenHubError (see GenHubError.from).`, {
        cause: error,
      });
    }
    return { ...result, status: 'failed', error, failedAt: at };
  };

  await scenario.arrange?.();
  const model = await findModel(provider, scenario.request.model, signal);
  let params: Readonly<Record<string, unknown>>;
  try {
    const validated = validateParams(model, scenario.request.params);
    params = validated.params;
    result.params = params;
    result.warnings.push(...validated.warnings);
  } catch (error) {
    return fail(error, 'validate');
  }

  let submitted: SubmitResult;
  try {
    submitted = await provider.submit(
      { model: model.id, task: scenario.request.task, params },
      { signal, idempotencyKey: options.idempotencyKey ?? crypto.randomUUID() },
    );
  } catch (error) {
    return fail(error, 'submit');
  }
  result.submitted = submitted;
  result.warnings.push(...(submitted.warnings ?? []));
  result.cost = submitted.cost;
  if (submitted.status === 'succeeded') return { ...result, status: 'succeeded', outputs: submitted.outputs };

  result.ref = submitted.ref;
  // Core persists the ref as JSON and may poll from another process.
  const ref = JSON.parse(JSON.stringify(submitted.ref)) as TaskRef;
  let delay = 0;
  while (result.polls < maxPolls) {
    if (delay > 0) await systemClock.sleep(delay, signal);
    let polled: PollResult;
    result.polls += 1;
    try {
      polled = await provider.poll(ref, { signal });
    } catch (error) {
      return fail(error, 'poll');
    }
    switch (polled.status) {
      case 'pending':
        result.pendingPolls += 1;
        delay = Math.min(polled.pollAfterMs ?? DEFAULT_POLL_DELAY_MS, maxDelay);
        continue;
      case 'succeeded':
        result.warnings.push(...(polled.warnings ?? []));
        return { ...result, status: 'succeeded', outputs: polled.outputs, cost: polled.cost ?? result.cost };
      case 'failed':
        if (!GenHubError.isInstance(polled.error)) {
          throw new TypeError(
            `poll answered "failed" with a ${typeof polled.error} instead of a GenHubError.`,
          );
        }
        return fail(polled.error, 'poll');
      case 'cancelled':
        return { ...result, status: 'cancelled' };
    }
  }
  return {
    ...result,
    status: 'pending',
    error: new GenHubError('TIMEOUT', `The task was still pending after ${maxPolls} polls.`),
    failedAt: 'poll',
  };
}
