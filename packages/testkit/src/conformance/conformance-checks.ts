import { balanceAndHealth } from './checks/balance-health-check.js';
import { cancel } from './checks/cancel-check.js';
import { CATALOGUE_CHECKS } from './checks/catalogue-checks.js';
import { errorBodyAsMedia } from './checks/error-body-check.js';
import { mediaTypeMatches } from './checks/media-type-check.js';
import { modelsExercised, modelsSucceed } from './checks/model-run-checks.js';
import { outputsValid } from './checks/output-checks.js';
import { PARAMETER_CHECKS } from './checks/parameter-checks.js';
import { poll } from './checks/poll-check.js';
import { prices } from './checks/price-check.js';
import { requestBody } from './checks/request-body-check.js';
import { pendingFailure, SCENARIO_CHECKS } from './checks/scenario-checks.js';
import { secrets } from './checks/secrets-check.js';
import type { ConformanceCheck } from './conformance-check.js';

export interface CheckGroup {
  name: string;
  checks: readonly ConformanceCheck[];
}

/** The suite, in the order it runs. Additional tests run after these groups. */
export const CHECK_GROUPS: readonly CheckGroup[] = [
  { name: 'catalogue', checks: CATALOGUE_CHECKS },
  { name: 'parameters', checks: [...PARAMETER_CHECKS, prices] },
  {
    name: 'every model',
    checks: [modelsExercised, modelsSucceed, outputsValid, errorBodyAsMedia, mediaTypeMatches, requestBody],
  },
  { name: 'scenarios', checks: [...SCENARIO_CHECKS, poll, pendingFailure, cancel, balanceAndHealth] },
];

/** Runs last, after additional tests, so it sees every error and log line of the whole run. */
export const FINAL_GROUP: CheckGroup = { name: 'secrets', checks: [secrets] };
