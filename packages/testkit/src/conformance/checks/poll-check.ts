import type { ConformanceCheck } from '../conformance-check.js';
import { supports } from '../conformance-options.js';
import type { Finding } from '../finding.js';
import { outcomeOf } from './model-run-checks.js';
import { contradiction, missingScenario, scenarioFinding } from './scenario-findings.js';

/**
 * Pending polls lead to success; or, for a provider declared to answer in submit (`poll: false`),
 * no request ever answers pending.
 */
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
