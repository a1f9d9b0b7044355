import { ERROR_CODES } from '@genhub/core';
import type { ProviderSupport, Scenarios } from '../conformance-options.js';
import type { ConformanceSession, RunRecord } from '../conformance-session.js';
import type { CheckId, Finding } from '../finding.js';
import { outcomeOf } from './model-run-checks.js';

/** A finding about a scenario: its model leads the sentence. */
export function scenarioFinding(check: CheckId, run: RunRecord, problem: string): Finding {
  return { check, model: run.model, message: `${run.model}: ${run.source} ${problem}` };
}

/** A sentence for a scenario the options should give but do not. */
export function missingScenario(
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
export function contradiction(
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
export function notTypedFailure(run: RunRecord): string | undefined {
  if (run.broken) return `${outcomeOf(run)}.`;
  const result = run.result!;
  if (result.status !== 'failed') return `ended ${result.status}, not failed.`;
  if (result.failedAt === 'validate')
    return `failed validation before reaching the provider: ${result.error?.message}`;
  if (!ERROR_CODES.includes(result.error!.code)) return `failed with the unknown code ${result.error!.code}.`;
  return undefined;
}
