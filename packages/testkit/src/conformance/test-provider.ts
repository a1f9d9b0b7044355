import { afterAll, beforeAll, describe, it } from 'vitest';
import { titleOf } from './conformance-check.js';
import { CHECK_GROUPS, type CheckGroup, FINAL_GROUP } from './conformance-checks.js';
import type { ConformanceOptions } from './conformance-options.js';
import { type ConformanceContext, type ConformanceSession, startSession } from './conformance-session.js';
import type { Finding } from './finding.js';

export interface TestProviderOptions extends ConformanceOptions {
  /** Registers more tests; `ctx` is filled in before they run. */
  additionalTests?: (ctx: ConformanceContext) => void;
}

/** One error listing every finding of a check, one sentence a line. */
export function findingsError(findings: readonly Finding[]): Error {
  const lines = findings.map((finding) => `- ${finding.message}`);
  const error = new Error(
    findings.length === 1 ? findings[0]!.message : `${findings.length} problems:\n${lines.join('\n')}`,
  );
  error.name = 'ConformanceError';
  return error;
}

/**
 * Registers the conformance suite for one provider plugin, in the style of unstorage's `testDriver`:
 * call it at the top level of a test file. Each check is one test, failing with the sentences of
 * what it found; `runConformance` runs the same checks without vitest.
 */
export function testProvider(options: TestProviderOptions): void {
  let session: ConformanceSession | undefined;
  // Filled in by beforeAll, like unstorage's testDriver context.
  const ctx = {} as ConformanceContext;

  const register = (group: CheckGroup) =>
    describe(group.name, () => {
      for (const check of group.checks) {
        it(titleOf(check, options), async () => {
          if (!session) throw new Error('The conformance session did not start; see the error of beforeAll.');
          const findings = await check.run(session);
          if (findings.length > 0) throw findingsError(findings);
        });
      }
    });

  describe(`provider plugin "${options.plugin.id}" conformance`, () => {
    beforeAll(async () => {
      session = await startSession(options);
      Object.assign(ctx, session);
    });
    afterAll(async () => {
      await session?.close();
    });
    for (const group of CHECK_GROUPS) register(group);
    options.additionalTests?.(ctx);
    register(FINAL_GROUP);
  });
}
