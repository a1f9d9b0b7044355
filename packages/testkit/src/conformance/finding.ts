/** The checks of the conformance suite, by the name a finding carries. */
export const CHECK_IDS = [
  'models-listed',
  'model-ids',
  'model-descriptions',
  'params-schema',
  'sizes-and-limits',
  'examples-valid',
  'required-params',
  'prompt-type',
  'prices',
  'models-exercised',
  'models-succeed',
  'outputs-valid',
  'error-body-as-media',
  'media-type',
  'request-body',
  'scenario-requests',
  'success',
  'failure',
  'rate-limit',
  'poll',
  'pending-failure',
  'cancel',
  'balance-and-health',
  'secrets',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

/** One thing the suite found wrong: a sentence naming the model (when there is one) and the fault. */
export interface Finding {
  check: CheckId;
  /** The model the finding is about, when it is about one. */
  model?: string;
  message: string;
}

/** A finding about one model; the message starts with the model's id. */
export function modelFinding(check: CheckId, model: string, problem: string): Finding {
  return { check, model, message: `${model}: ${problem}` };
}
