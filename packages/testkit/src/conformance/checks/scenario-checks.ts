import { ERROR_CODES, GenHubError, validateParams } from '@genhub/core';
import type { ConformanceCheck } from '../conformance-check.js';
import { type ProviderSupport, type Scenarios, supports } from '../conformance-options.js';
import type { ConformanceSession, RunRecord } from '../conformance-session.js';
import type { CheckId, Finding } from '../finding.js';
import { findModel } from '../run-scenario.js';
import { outcomeOf } from './model-run-checks.js';

/** A finding about a scenario: its model leads the sentence. */
function scenarioFinding(check: CheckId, run: RunRecord, problem: string): Finding {
  return { check, model: run.model, message: `${run.model}: ${run.source} ${problem}` };
}

/** A sentence for a scenario the options should give but do not. */
function missingScenario(
  session: ConformanceSession,
  check: CheckId,
  name: keyof Scenarios,
  flag: keyof ProviderSupport,
): Finding {
  return {
    check,
    message: `${session.plugin.id}: no \`${name}\` scenario; give one, or declare \`supports: { ${flag}: false }\` if the provider cannot do it.`,
  };
}

/** A scenario given for an ability the options declare absent. */
function contradiction(
  session: ConformanceSession,
  check: CheckId,
  name: keyof Scenarios,
  flag: keyof ProviderSupport,
): Finding {
  return {
    check,
    message: `${session.plugin.id}: declares \`supports: { ${flag}: false }\` but gives a \`${name}\` scenario.`,
  };
}

/** The problem with a run that should have failed with a known GenHubError, or undefined. */
function notTypedFailure(run: RunRecord): string | undefined {
  if (run.broken) return `${outcomeOf(run)}.`;
  const result = run.result!;
  if (result.status !== 'failed') return `ended ${result.status}, not failed.`;
  if (result.failedAt === 'validate')
    return `failed validation before reaching the provider: ${result.error?.message}`;
  if (!ERROR_CODES.includes(result.error!.code)) return `failed with the unknown code ${result.error!.code}.`;
  return undefined;
}

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

export const poll: ConformanceCheck = {
  id: 'poll',
  title: (options) =>
    supports(options, 'poll')
      ? 'polls through pending to success'
      : 'finishes every request in submit, as declared (supports.poll: false)',
  async run(session) {
    const given = session.options.fake.scenarios.pendingThenSucceeded;
    if (!supports(session.options, 'poll')) {
      const findings: Finding[] = [];
      for (const name of ['pendingThenSucceeded', 'pendingThenFailed'] as const) {
        if (session.options.fake.scenarios[name]) findings.push(contradiction(session, 'poll', name, 'poll'));
      }
      const runs = [...(await session.modelRuns()), (await session.scenario('success'))!];
      for (const run of runs) {
        if (run.result?.submitted?.status === 'pending') {
          findings.push(
            scenarioFinding(
              'poll',
              run,
              'answered pending from submit, though the plugin declares `supports: { poll: false }`.',
            ),
          );
        }
      }
      return findings;
    }
    if (!given) return [missingScenario(session, 'poll', 'pendingThenSucceeded', 'poll')];
    const run = (await session.scenario('pendingThenSucceeded'))!;
    if (run.result?.status !== 'succeeded') return [scenarioFinding('poll', run, `${outcomeOf(run)}.`)];
    if (run.result.submitted?.status !== 'pending' || run.result.pendingPolls === 0) {
      return [scenarioFinding('poll', run, 'never answered pending; script at least one pending poll.')];
    }
    return [];
  },
};

/** Runs only when given: a failure after pending polls. */
export const pendingFailure: ConformanceCheck = {
  id: 'pending-failure',
  title: 'polls through pending to failure, when scripted',
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

export const cancel: ConformanceCheck = {
  id: 'cancel',
  title: (options) =>
    supports(options, 'cancel')
      ? 'cancels a running task'
      : 'has no cancel, as declared (supports.cancel: false)',
  async run(session) {
    const { provider, signal, plugin } = session;
    const scenario = session.options.fake.scenarios.cancel;
    if (!supports(session.options, 'cancel')) {
      const findings: Finding[] = [];
      if (scenario) findings.push(contradiction(session, 'cancel', 'cancel', 'cancel'));
      if (typeof provider.cancel === 'function') {
        findings.push({
          check: 'cancel',
          message: `${plugin.id}: declares \`supports: { cancel: false }\` but the provider has a \`cancel\` method.`,
        });
      }
      return findings;
    }
    if (typeof provider.cancel !== 'function') {
      return [
        {
          check: 'cancel',
          message: `${plugin.id}: the provider has no \`cancel\` method; declare \`supports: { cancel: false }\`.`,
        },
      ];
    }
    if (!scenario) return [missingScenario(session, 'cancel', 'cancel', 'cancel')];
    const id = scenario.request.model;
    const say = (problem: string): Finding[] => [
      { check: 'cancel', model: id, message: `${id}: the cancel scenario ${problem}` },
    ];
    try {
      await scenario.arrange?.();
      const model = await findModel(provider, id, signal);
      const { params } = validateParams(model, scenario.request.params);
      const submitted = await provider.submit(
        { model: model.id, task: scenario.request.task, params },
        { signal, idempotencyKey: crypto.randomUUID() },
      );
      if (submitted.status !== 'pending') return say('finished in submit; script a task that stays pending.');
      const ref = JSON.parse(JSON.stringify(submitted.ref)) as typeof submitted.ref;
      await provider.cancel(ref, { signal });
      const polled = await provider.poll(ref, { signal });
      if (polled.status === 'failed') {
        session.recordError(id, polled.error);
        return polled.error.code === 'CANCELLED'
          ? []
          : say(`polled ${polled.error.code} after cancel, not cancelled.`);
      }
      return polled.status === 'cancelled' ? [] : say(`polled ${polled.status} after cancel, not cancelled.`);
    } catch (error) {
      if (GenHubError.isInstance(error)) {
        session.recordError(id, error);
        return say(`failed with ${error.code} "${error.message}".`);
      }
      return say(
        `threw ${error instanceof Error ? error.message : String(error)}; plugins throw GenHubError.`,
      );
    }
  },
};

export const balanceAndHealth: ConformanceCheck = {
  id: 'balance-and-health',
  title: 'answers balance and health when it offers them',
  async run({ provider, signal, plugin, recordError }) {
    const findings: Finding[] = [];
    const say = (message: string) =>
      findings.push({ check: 'balance-and-health', message: `${plugin.id}: ${message}` });
    const calls = {
      balance: provider.balance && (() => provider.balance!({ signal })),
      health: provider.health && (() => provider.health!({ signal })),
    };
    for (const call of ['balance', 'health'] as const) {
      const ask = calls[call];
      if (!ask) continue;
      try {
        const answer: unknown = await ask();
        if (call === 'balance') {
          const { usd, credits } = answer as { usd?: unknown; credits?: unknown };
          for (const [name, amount] of [
            ['usd', usd],
            ['credits', credits],
          ] as const) {
            if (amount !== undefined && !(typeof amount === 'number' && Number.isFinite(amount))) {
              say(`balance() answers ${name} ${String(amount)}, not a finite number.`);
            }
          }
        } else if (typeof (answer as { ok?: unknown }).ok !== 'boolean') {
          say('health() answers no boolean `ok`.');
        }
      } catch (error) {
        if (GenHubError.isInstance(error)) {
          recordError(plugin.id, error);
          say(`${call}() failed against the fake with ${error.code} "${error.message}".`);
        } else {
          say(
            `${call}() threw ${error instanceof Error ? error.message : String(error)}; plugins throw GenHubError.`,
          );
        }
      }
    }
    return findings;
  },
};

export const SCENARIO_CHECKS = [
  scenarioRequests,
  success,
  failure,
  rateLimit,
  poll,
  pendingFailure,
  cancel,
  balanceAndHealth,
];
