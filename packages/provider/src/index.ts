/*
 * @genhub/provider: what a GenHub provider plugin is written against. The contract (plugins,
 * providers, models), the one error family, the parameter vocabulary and the wire helpers. Small
 * and runtime-free: no database, logger, container or pipeline; zod is a peer dependency.
 */

export type { MediaKind } from './artifacts/media-type.js';
export {
  detectMediaType,
  essence,
  extensionFor,
  mediaKind,
  mediaTypeForExtension,
  sniffMediaType,
} from './artifacts/media-type.js';
export type { Clock } from './clock/clock.js';
export { systemClock } from './clock/clock.js';
// Errors
export type { ConfigIssue } from './config/config-error.js';
export { ConfigError } from './config/config-error.js';
// A plugin's settings
export {
  envSuffixToKey,
  providerEnvName,
  providerEnvPrefix,
  providerSettingsFromEnv,
} from './config/provider-env.js';
export type { ErrorCode } from './errors/error-codes.js';
export { ERROR_CODES } from './errors/error-codes.js';
export type { ErrorRule, StatusClass } from './errors/error-rule.js';
export type { FailureFallback, FailureMapper, TaskFailure } from './errors/failure-table.js';
export { failureTable } from './errors/failure-table.js';
export type { GenHubErrorOptions, SerializedGenHubError } from './errors/genhub-error.js';
export { beforeAcceptance, GenHubError } from './errors/genhub-error.js';
export type { ErrorFromResponseOptions } from './http/error-from-response.js';
export { errorCodeForStatus, errorFromResponse } from './http/error-from-response.js';
export type { ErrorMapper } from './http/error-table.js';
export { errorTable } from './http/error-table.js';
// Wire helpers: the HTTP client plugins get, response and error mapping, media types
export type {
  HttpClient,
  HttpClientDefaults,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  HttpTimeouts,
  RetryOptions,
} from './http/http-client.js';
export type { RequestJsonOptions } from './http/request-json.js';
export { requestJson } from './http/request-json.js';
export { backoffDelayMs, isIdempotent, parseRetryAfterMs, RETRYABLE_STATUSES } from './http/retry-policy.js';
// Logging and time
export type { Logger, LogLevel } from './logging/logger.js';
export {
  DefaultRedactPatterns,
  isSecretKey,
  REDACTED,
  Redactor,
  SecretFieldNames,
} from './logging/redactor.js';
export { serializeError } from './logging/serialize-error.js';
export { silentLogger } from './logging/silent-logger.js';
export { parseAspectRatio, snapAspectRatio, tryParseAspectRatio } from './params/aspect-ratio.js';
// Safety controls: which parameters a place's safety level sets, and to what
export type { SafetyLevel, SafetyValues } from './params/safety-control.js';
export { SAFETY_CONTROL_KEY, SAFETY_LEVELS, safetyControl } from './params/safety-control.js';
// The parameter vocabulary
export type { GenerationParams, MediaInput, VocabularyKey } from './params/vocabulary.js';
export { mediaInput, VOCABULARY_KEYS, vocabulary } from './params/vocabulary.js';
export type {
  ProviderDefinition,
  TypedModel,
  TypedModelSpec,
  TypedSubmit,
} from './plugin/define-provider.js';
export { defineModel, defineProvider } from './plugin/define-provider.js';
export type { FollowUp } from './plugin/follow-up.js';
export { followUpsOf } from './plugin/follow-up.js';
export type { JsonObject, JsonPrimitive, JsonValue } from './plugin/json.js';
export type {
  ModelLimits,
  ModelSpec,
  ModelTimeouts,
  Price,
  SizePreset,
  SizeRange,
  SizeSpec,
} from './plugin/model-spec.js';
// The plugin contract
export type { ContractVersion, PluginContext, PluginDefinition, ProviderPlugin } from './plugin/plugin.js';
export { definePlugin, isProviderPlugin, SUPPORTED_CONTRACTS } from './plugin/plugin.js';
export type {
  CallOptions,
  FindSubmittedOptions,
  GenerationRequest,
  ModerationVerdict,
  Output,
  OutputMetadata,
  OutputRole,
  PollResult,
  Progress,
  Provider,
  ProviderBalance,
  ProviderCapabilities,
  ProviderHealth,
  ProviderWebhook,
  SubmitOptions,
  SubmitResult,
  TaskRef,
  WebhookRequest,
} from './plugin/provider.js';
export type { OutputKind, Task } from './plugin/tasks.js';
export { OUTPUT_KINDS, TASKS } from './plugin/tasks.js';
export type { Warning } from './plugin/warning.js';
export { suggest } from './registry/suggest.js';
// Reading a provider's loosely documented JSON, and writing its request bodies
export { jsonBody } from './wire/json-body.js';
export { lenient, looseNumber, nonBlank } from './wire/lenient.js';
