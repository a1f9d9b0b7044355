import { GenHubError, type ModelSpec, type Task, validateParams } from '@genhub/core';
import type { ConformanceCheck } from '../conformance-check.js';
import type { ConformanceSession } from '../conformance-session.js';
import { type Finding, modelFinding } from '../finding.js';
import { shortJson, validationError, workingParams } from '../model-params.js';
import { isRequired } from '../schema-samples.js';

const isInvalidInput = (error: unknown): boolean =>
  GenHubError.isInstance(error) && error.code === 'INVALID_INPUT';

/** The text-to-X task a model performs, which needs a prompt. */
function textTask(model: ModelSpec): Task | undefined {
  return model.tasks.find((task) => task.startsWith('text-to-'));
}

/** A media input (`{ url }`) or a list of them: what lets an image-to-X request go without a prompt. */
function isMediaInput(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every(isMediaInput);
  return typeof value === 'object' && value !== null && typeof (value as { url?: unknown }).url === 'string';
}

/**
 * How the provider treats a text-to-X request without a prompt (or input media) that its schema
 * let through: refused with INVALID_INPUT before anything reached the API is fine; a problem otherwise.
 */
async function promptlessSubmitProblem(
  session: ConformanceSession,
  model: ModelSpec,
  task: Task,
  params: Record<string, unknown>,
): Promise<string | undefined> {
  // Scripted as for the model's success run, so the API answers as it would.
  await session
    .plan()
    .runs.find((run) => run.model.id === model.id)
    ?.scenario.arrange?.();
  const before = session.fakeCalls()?.length ?? 0;
  let outcome: string;
  try {
    const validated = validateParams(model, params).params;
    const submitted = await session.provider.submit(
      { model: model.id, task, params: validated },
      { signal: session.signal, idempotencyKey: crypto.randomUUID() },
    );
    outcome = `submit answered ${submitted.status}`;
  } catch (error) {
    if (!GenHubError.isInstance(error)) {
      outcome = `submit threw ${error instanceof Error ? error.message : String(error)}`;
    } else {
      session.recordError(model.id, error);
      outcome = `submit failed with ${error.code}`;
      if (error.code === 'INVALID_INPUT' && (session.fakeCalls()?.length ?? 0) === before) return undefined;
    }
  }
  const reached = (session.fakeCalls()?.length ?? 0) > before ? 'it reached the API and ' : '';
  return `its schema accepts a ${task} request without a prompt (${shortJson(params)}), and ${reached}${outcome}.`;
}

/**
 * A text-to-X model takes a `prompt` and refuses a request without one (and without input media)
 * before calling the API: best in its schema, at the latest in submit. No model accepts a request
 * without a parameter its schema calls required (a default or a preprocess filling it in).
 */
export const requiredParams: ConformanceCheck = {
  id: 'required-params',
  title: 'refuses a request without a required parameter (a text-to-X prompt)',
  async run(session) {
    const findings: Finding[] = [];
    const add = (id: string, problem: string) => findings.push(modelFinding('required-params', id, problem));
    for (const model of session.models) {
      const shape = model.params.shape as Readonly<Record<string, unknown>>;
      const params = workingParams(session, model);
      const task = textTask(model);
      if (task && !Object.hasOwn(shape, 'prompt')) {
        add(model.id, `it performs ${task} but takes no \`prompt\`.`);
      } else if (task && params) {
        const promptless = Object.fromEntries(
          Object.entries(params).filter(([key, value]) => key !== 'prompt' && !isMediaInput(value)),
        );
        if (!isInvalidInput(validationError(model, promptless))) {
          const problem = await promptlessSubmitProblem(session, model, task, promptless);
          if (problem) add(model.id, problem);
        }
      }
      if (!params) continue;
      for (const key of Object.keys(shape)) {
        if ((task && key === 'prompt') || !isRequired(shape[key]) || !Object.hasOwn(params, key)) continue;
        const { [key]: _left, ...without } = params;
        if (!isInvalidInput(validationError(model, without))) {
          add(model.id, `it accepts a request without its required \`${key}\`.`);
        }
      }
    }
    return findings;
  },
};

export const promptType: ConformanceCheck = {
  id: 'prompt-type',
  title: 'rejects a prompt of the wrong type',
  run(session) {
    const findings: Finding[] = [];
    for (const model of session.models) {
      if (!Object.hasOwn(model.params.shape, 'prompt')) continue;
      const params = { ...workingParams(session, model), prompt: 42 };
      if (!isInvalidInput(validationError(model, params))) {
        findings.push(
          modelFinding(
            'prompt-type',
            model.id,
            `it accepts the number 42 as a prompt (${shortJson(params)}).`,
          ),
        );
      }
    }
    return findings;
  },
};

export const PARAMETER_CHECKS = [requiredParams, promptType];
