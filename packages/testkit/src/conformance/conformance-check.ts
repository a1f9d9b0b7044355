import type { ConformanceOptions } from './conformance-options.js';
import type { ConformanceSession } from './conformance-session.js';
import type { CheckId, Finding } from './finding.js';

/** One check of the suite: a test title and a function that returns what it found wrong. */
export interface ConformanceCheck {
  id: CheckId;
  /** The test's title; it may depend on what the options declare. */
  title: string | ((options: ConformanceOptions) => string);
  run(session: ConformanceSession): Promise<readonly Finding[]> | readonly Finding[];
}

export function titleOf(check: ConformanceCheck, options: ConformanceOptions): string {
  return typeof check.title === 'string' ? check.title : check.title(options);
}
