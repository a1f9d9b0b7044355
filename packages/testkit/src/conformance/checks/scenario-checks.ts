import type { ConformanceCheck } from '../conformance-check.js';
import { supports } from '../conformance-options.js';
import type { Finding } from '../finding.js';
import { findModel } from '../run-scenario.js';
import { outcomeOf } from './model-run-checks.js';
import { contradiction, missingScenario, notTypedFailure, scenarioFinding } from './scenario-findings.js';

export const scenarioRequests: ConformanceCheck = {
  id: 'scenario-requests',
  title: 'names listed models and their tasks in every scenario',
  async run(session) {
    const findings: Finding[] = [];
    for (const [name, scenario] of Object.entries(session.options.fake.scenarios)) {
      if (!scenario) continue;
      const { model: id, task } = scenario.request;
      try {
        const model = await findModel(session.provider, id, session.signal);
        if (!model.tasks.includes(task)) {
          findings.push({
            check: 'scenario-requests',
            model: model.id,
            message: `${model.id}: the ${name} scenario asks for ${task}, which the model does not perform.`,
          });
        }
      } catch {
        findings.push({
          check: 'scenario-requests',
          model: id,
          message: `${id}: the ${name} scenario names this model, but the plugin does not list it.`,
        });
      }
    }
    return findings;
  },
};

export const success: ConformanceCheck = {
  id: 'success',
  title: 'succeeds in the success scenario',
  async run(session) {
    // Its outputs are checked with every model's, by the output checks.
    const run = (await session.scenario('success'))!;
    return run.result?.status === 'succeeded' ? [] : [scenarioFinding('success', run, `${outcomeOf(run)}.`)];
  },
};

export const failure: ConformanceCheck = {
  id: 'failure',
  title: (options) =>
    supports(options, 'failure')
      ? 'fails with a typed error'
      : 'has no failure mode, as declared (supports.failure: false)',
  async run(session) {
    const given = session.options.fake.scenarios.failure;
    if (!supports(session.options, 'failure'))
      return given ? [contradiction(session, 'failure', 'failure', 'failure')] : [];
    if (!given) return [missingScenario(session, 'failure', 'failure', 'failure')];
    const run = (await session.scenario('failure'))!;
    const problem = notTypedFailure(run);
    if (problem) return [scenarioFinding('failure', run, problem)];
    const expected = given.expect?.code;
    const code = run.result!.error!.code;
    return expected && code !== expected
      ? [scenarioFinding('failure', run, `failed with ${code}, not ${expected}.`)]
      : [];
  },
};

export const rateLimit: ConformanceCheck = {
  id: 'rate-limit',
  title: (options) =>
    supports(options, 'rateLimit')
      ? 'reports rate limiting as RATE_LIMITED, retryable'
      : 'has no rate limit, as declared (supports.rateLimit: false)',
  async run(session) {
    const given = session.options.fake.scenarios.rateLimit;
    if (!supports(session.options, 'rateLimit')) {
      return given ? [contradiction(session, 'rate-limit', 'rateLimit', 'rateLimit')] : [];
    }
    if (!given) return [missingScenario(session, 'rate-limit', 'rateLimit', 'rateLimit')];
    const run = (await session.scenario('rateLimit'))!;
    const problem = notTypedFailure(run);
    if (problem) return [scenarioFinding('rate-limit', run, problem)];
    const error = run.result!.error!;
    const problems: string[] = [];
    if (error.code !== 'RATE_LIMITED') problems.push(`failed with ${error.code}, not RATE_LIMITED.`);
    if (!error.retryable) problems.push('failed with an error that is not retryable.');
    const expected = given.expect?.retryAfterSeconds;
    if (expected !== undefined && error.retryAfterSeconds !== expected) {
      problems.push(
        `says retry after ${String(error.retryAfterSeconds)} s, not the ${expected} s the fake sent.`,
      );
    } else if (
      expected === undefined &&
      error.retryAfterSeconds !== undefined &&
      !(error.retryAfterSeconds > 0)
    ) {
      problems.push(`says retry after ${error.retryAfterSeconds} s.`);
    }
    return problems.map((problem) => scenarioFinding('rate-limit', run, problem));
  },
};

/** Runs only when given: a failure after pending polls. */
export const pendingFailure: ConformanceCheck = {
  id: 'pending-failure',
  title: (options) =>
    options.fake.scenarios.pendingThenFailed
      ? 'polls through pending to failure'
      : 'polls through pending to failure (not scripted: no pendingThenFailed scenario)',
  async run(session) {
    const run = await session.scenario('pendingThenFailed');
    if (!run) return [];
    const problem = notTypedFailure(run);
    if (problem) return [scenarioFinding('pending-failure', run, problem)];
    const result = run.result!;
    const problems: string[] = [];
    if (result.pendingPolls === 0) problems.push('never answered pending before failing.');
    if (result.failedAt !== 'poll') problems.push(`failed in ${result.failedAt}, not in poll.`);
    const expected = session.options.fake.scenarios.pendingThenFailed?.expect?.code;
    if (expected && result.error!.code !== expected)
      problems.push(`failed with ${result.error!.code}, not ${expected}.`);
    return problems.map((text) => scenarioFinding('pending-failure', run, text));
  },
};

export const SCENARIO_CHECKS = [scenarioRequests, success, failure, rateLimit];
