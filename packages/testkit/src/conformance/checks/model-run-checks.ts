import type { ConformanceCheck } from '../conformance-check.js';
import type { RunRecord } from '../conformance-session.js';
import { type Finding, modelFinding } from '../finding.js';

/** Why a run did not succeed, as the end of a sentence. */
export function outcomeOf(run: RunRecord): string {
  if (run.broken) return `broke the contract: ${run.broken.message}`;
  const result = run.result!;
  const where = result.failedAt === 'validate' ? 'failed validation' : `ended ${result.status}`;
  const error = result.error ? ` with ${result.error.code} "${result.error.message}"` : '';
  return `${where}${error}`;
}

/** Every model the plugin lists gets a run: its requests, or its example. */
export const modelsExercised: ConformanceCheck = {
  id: 'models-exercised',
  title: 'exercises every model it lists',
  run(session) {
    const plan = session.plan();
    const findings: Finding[] = plan.unexercised.map((model) =>
      modelFinding(
        'models-exercised',
        model.id,
        'the plugin lists this model but nothing exercises it: give it an `example`, or a request under `requests`.',
      ),
    );
    for (const id of plan.unknownIds) {
      findings.push({
        check: 'models-exercised',
        model: id,
        message: `${id}: \`requests\` names this model, but the plugin does not list it.`,
      });
    }
    for (const { model, source, scenario } of plan.runs) {
      if (!model.tasks.includes(scenario.request.task)) {
        findings.push(
          modelFinding(
            'models-exercised',
            model.id,
            `${source} asks for ${scenario.request.task}, which the model does not perform.`,
          ),
        );
      }
    }
    return findings;
  },
};

/** Each model's run ends in outputs. */
export const modelsSucceed: ConformanceCheck = {
  id: 'models-succeed',
  title: 'runs every model to success',
  async run(session) {
    return (await session.modelRuns())
      .filter((run) => run.result?.status !== 'succeeded')
      .map((run) => modelFinding('models-succeed', run.model, `${run.source} ${outcomeOf(run)}.`));
  },
};
