import { type ErrorRule, errorTable, failureTable } from '@genhub/provider';

/**
 * ComfyUI's refusals and failed prompts in GenHub's terms. `POST /prompt` answers 400 with
 * `{ error: { type, message, details }, node_errors }`; a prompt that fails while running ends in
 * history with an `execution_error` message naming the exception. ComfyUI itself has no content
 * filter, but a workflow's safety-checker node may raise one: those words mean CONTENT_REJECTED.
 */
const errorCodes: ErrorRule[] = [
  { message: /nsfw|safety|content polic|moderation/i, code: 'CONTENT_REJECTED', retryable: false },
  { message: /out of memory|OutOfMemory/i, code: 'PROVIDER_UNAVAILABLE', retryable: true },
  {
    providerCode: /^(invalid_prompt|prompt_outputs_failed_validation|prompt_no_outputs)$/,
    code: 'PROVIDER_UNAVAILABLE',
    retryable: false,
    details: { reason: 'misconfigured', setting: 'GENHUB_COMFYUI_WORKFLOWS_DIR' },
  },
];

export const comfyRequestErrors = errorTable('comfyui', errorCodes);
export const comfyTaskFailure = failureTable('comfyui', errorCodes, {
  code: 'PROVIDER_UNAVAILABLE',
  retryable: false,
});
