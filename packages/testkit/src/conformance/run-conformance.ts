import { titleOf } from './conformance-check.js';
import { CHECK_GROUPS, FINAL_GROUP } from './conformance-checks.js';
import type { ConformanceOptions } from './conformance-options.js';
import { startSession } from './conformance-session.js';
import type { CheckId, Finding } from './finding.js';

export interface CheckOutcome {
  id: CheckId;
  title: string;
  findings: readonly Finding[];
}

export interface ConformanceReport {
  /** Every check, in order, with what it found. */
  checks: CheckOutcome[];
  /** Everything found wrong, in check order; empty when the plugin conforms. */
  findings: Finding[];
}

/**
 * Runs the whole conformance suite without a test framework and reports what it found, instead of
 * failing: `testProvider` (from `@genhub/testkit/vitest`) turns the same checks into tests. A check
 * that throws (a broken test setup, not a broken plugin) rejects the run.
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const session = await startSession(options);
  const checks: CheckOutcome[] = [];
  try {
    for (const group of [...CHECK_GROUPS, FINAL_GROUP]) {
      for (const check of group.checks) {
        checks.push({ id: check.id, title: titleOf(check, options), findings: await check.run(session) });
      }
    }
  } finally {
    await session.close();
  }
  return { checks, findings: checks.flatMap((check) => check.findings) };
}
