// @genhub/core: the provider-plugin contract, the registry and the services every front end shares.

// Writing a plugin
export type {
  CallOptions,
  Clock,
  ConfigIssue,
  ContractVersion,
  ErrorCode,
  ErrorFromResponseOptions,
  ErrorMapper,
  ErrorRule,
  FindSubmittedOptions,
  FollowUp,
  GenerationParams,
  GenerationRequest,
  GenHubErrorOptions,
  HttpClient,
  HttpClientDefaults,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  HttpTimeouts,
  JsonObject,
  JsonPrimitive,
  JsonValue,
  Logger,
  LogLevel,
  MediaInput,
  MediaKind,
  ModelLimits,
  ModelSpec,
  ModelTimeouts,
  ModerationVerdict,
  Output,
  OutputKind,
  OutputMetadata,
  OutputRole,
  PluginContext,
  PluginDefinition,
  PollResult,
  Price,
  Progress,
  Provider,
  ProviderBalance,
  ProviderCapabilities,
  ProviderDefinition,
  ProviderHealth,
  ProviderPlugin,
  ProviderWebhook,
  RequestJsonOptions,
  RetryOptions,
  SafetyLevel,
  SafetyValues,
  SerializedGenHubError,
  SizePreset,
  SizeRange,
  SizeSpec,
  SubmitOptions,
  SubmitResult,
  Task,
  TaskRef,
  TypedModel,
  TypedModelSpec,
  TypedSubmit,
  VocabularyKey,
  Warning,
  WebhookRequest,
} from '@genhub/provider';
// Runtime services
// Parameters
export {
  beforeAcceptance,
  ConfigError,
  DefaultRedactPatterns,
  defineModel,
  definePlugin,
  defineProvider,
  detectMediaType,
  ERROR_CODES,
  errorCodeForStatus,
  errorFromResponse,
  errorTable,
  extensionFor,
  followUpsOf,
  GenHubError,
  isProviderPlugin,
  isSecretKey,
  mediaInput,
  mediaKind,
  mediaTypeForExtension,
  OUTPUT_KINDS,
  parseAspectRatio,
  REDACTED,
  Redactor,
  requestJson,
  SAFETY_CONTROL_KEY,
  SAFETY_LEVELS,
  SecretFieldNames,
  SUPPORTED_CONTRACTS,
  safetyControl,
  serializeError,
  silentLogger,
  snapAspectRatio,
  sniffMediaType,
  suggest,
  systemClock,
  TASKS,
  tryParseAspectRatio,
  VOCABULARY_KEYS,
  vocabulary,
} from '@genhub/provider';
// Artifacts
export { artifactKey, jobFolder } from './artifacts/artifact-key.js';
export { DefaultArtifactLimits, formatBytes, tooLargeError } from './artifacts/artifact-limits.js';
export type {
  ArtifactLinkQuery,
  ArtifactLinks,
  ArtifactLinksOptions,
  LinkedArtifact,
} from './artifacts/artifact-links.js';
export { createArtifactLinks, createPresignedArtifactLinks, servedAs } from './artifacts/artifact-links.js';
export type { ArtifactStore, PresignOptions, PutArtifactInput } from './artifacts/artifact-store.js';
export { collectOutput } from './artifacts/collect-outputs.js';
export type { DecodedDataUrl, OpenedDataUrl } from './artifacts/data-url.js';
export { decodeDataUrl, isDataUrl, openDataUrl } from './artifacts/data-url.js';
export type {
  GuardedFetcher,
  GuardedFetcherOptions,
  GuardedFetchOptions,
  GuardedResponse,
} from './artifacts/guarded-fetch.js';
export { createGuardedFetcher } from './artifacts/guarded-fetch.js';
export type { FetchInputMediaOptions, InputMedia, InputMediaKind } from './artifacts/input-media.js';
export { fetchInputMedia } from './artifacts/input-media.js';
export type { LocalArtifactStore, LocalArtifactStoreOptions } from './artifacts/local-artifact-store.js';
export { createLocalArtifactStore } from './artifacts/local-artifact-store.js';
export { MAX_FILE_NAME_CHARS, safeFileName } from './artifacts/safe-file-name.js';
export type { GuardedLookup, HostResolver, SsrfGuard, SsrfGuardOptions } from './artifacts/ssrf-guard.js';
export { createSsrfGuard, isAllowedAddress } from './artifacts/ssrf-guard.js';
export { untilAborted } from './artifacts/until-aborted.js';
export type { GenHubConfig, GenHubConfigInput } from './config/config-schema.js';
export { DefaultCoreConfig, genHubConfigSchema } from './config/config-schema.js';
export type { DashboardConfig } from './config/dashboard-config.js';
export { DefaultDashboardConfig, dashboardConfigSchema } from './config/dashboard-config.js';
export { CORE_ENV_VARS, providerEnvName, providerSettingsFromEnv } from './config/env-names.js';
export type { LoadConfigOptions } from './config/load-config.js';
export { configFilePath, loadConfig, parseConfig } from './config/load-config.js';
export type { CreateGenHubOptions, GenHub, PluginStatus } from './container/create-genhub.js';
// Configuration and wiring
export { createGenHub } from './container/create-genhub.js';
export { Tokens } from './container/tokens.js';
export { DefaultHttpOptions } from './http/http-defaults.js';
export type { ClosableHttpClient, CreateHttpClientOptions } from './http/undici-http-client.js';
export { createHttpClient } from './http/undici-http-client.js';
export type { AccountRef, ArtifactRecord, JobRecord, JobState } from './jobs/job.js';
// Jobs and the pipeline
export { ACTIVE_STATES, currentModel, JOB_STATES, maybeBilledTask, TERMINAL_STATES } from './jobs/job.js';
export { KeyedMutex } from './limits/keyed-mutex.js';
export type { LimitsConfig } from './limits/limits-config.js';
export { DefaultLimits, limitsConfigSchema } from './limits/limits-config.js';
export type { AdmissionLock, RateLimiter } from './limits/rate-limiter.js';
export type { AcquireResult, RateRule } from './limits/sliding-window-limiter.js';
export { SlidingWindowLimiter } from './limits/sliding-window-limiter.js';
export type { TaskClass } from './limits/task-class.js';
export { TASK_CLASSES, taskClassOf } from './limits/task-class.js';
export type { MemoryLoggerOptions, MemoryLogLine } from './logging/memory-logger.js';
export { createMemoryLogger } from './logging/memory-logger.js';
export type { CreateLoggerOptions } from './logging/pino-logger.js';
export { createLogger } from './logging/pino-logger.js';
export { withRedaction } from './logging/redacting-logger.js';
export type { AuditEntry, AuditLogQuery, BlockRequest, Moderation } from './moderation/moderation.js';
export { BLOCKED_USER_SENTENCE } from './moderation/moderation.js';
export { describeAccepted } from './params/describe-accepted.js';
export { describeIssue, formatParamPath } from './params/describe-issue.js';
export { checkModelLimits } from './params/model-limits.js';
export type { Size, SnappedEdge, SnappedSize, SnapSizeOptions } from './params/size-snapping.js';
export {
  ASPECT_RATIO_WEIGHT,
  DEFAULT_TARGET_PIXELS,
  isValidSize,
  sizeDistance,
  sizeForAspectRatio,
  snapEdge,
  snapSize,
} from './params/size-snapping.js';
export type { ParamIssue, ValidatedParams } from './params/validate-params.js';
export { validateParams } from './params/validate-params.js';
export type {
  AllowanceOverrides,
  GenerationInput,
  GenerationQuote,
  GenerationQuoteInput,
  GenerationServiceDeps,
  WebhookOutcome,
} from './pipeline/generation-service.js';
export { GenerationService } from './pipeline/generation-service.js';
export type { JobEvent, JobEventListener, JobEventOrigin, JobEventTransport } from './pipeline/job-events.js';
export { JobEvents } from './pipeline/job-events.js';
export type { JobHandler, JobQueue } from './pipeline/job-queue.js';
export { InProcessJobQueue } from './pipeline/job-queue.js';
export type { PollCursor, RunOptions, RunOutcome } from './pipeline/job-runner.js';
export type { BillingConfig, JobsConfig } from './pipeline/pipeline-config.js';
export {
  billingConfigSchema,
  DefaultPipelineConfig,
  jobsConfigSchema,
  microsToUsd,
  usdToMicros,
} from './pipeline/pipeline-config.js';
export { collectSecrets } from './plugin/config-secrets.js';
export type { LoadPluginOptions, PackageImporter } from './plugin/load-plugin-package.js';
export { loadPluginPackage, pluginSearchFolders } from './plugin/load-plugin-package.js';
export type { StartedPlugin, StartPluginDependencies } from './plugin/start-plugin.js';
export { startPlugin } from './plugin/start-plugin.js';
export {
  assertRoleCanRun,
  createJobInfrastructure,
  type JobInfrastructure,
} from './redis/job-infrastructure.js';
export {
  DefaultRedisOptions,
  PROCESS_ROLES,
  type ProcessRole,
  type RedisConfig,
  redisConfigSchema,
} from './redis/redis-config.js';
export type { ModelDescription } from './registry/model-json-schema.js';
export { describeModel, exampleParams, paramsJsonSchema } from './registry/model-json-schema.js';
export type { ModelFilter, RegisteredModel } from './registry/registry.js';
// Registry
export { Registry } from './registry/registry.js';
export type { BlockedTerms, CompileBlockedTermsOptions } from './safety/blocked-terms.js';
export { BLOCKED_PROMPT_SENTENCE } from './safety/blocked-terms.js';
export type { BlocklistChange } from './safety/community-blocklists.js';
export { CommunityBlocklistLimits, CommunityBlocklists } from './safety/community-blocklists.js';
export { ContentCheck, FLAGGED_PROMPT_SENTENCE } from './safety/content-check.js';
// Safety levels
export type { SafetyControl, SafetyRequest } from './safety/safety-controls.js';
export {
  applySafetyLevel,
  hasSafetyControls,
  isStricter,
  safetyControlsOf,
  withoutSafetyControls,
} from './safety/safety-controls.js';
export type { AllowanceGrant, AllowanceRequest, DailyAllowance } from './store/allowances.js';
export { ALLOWANCE_NOTES } from './store/allowances.js';
export { budgetDayEnd, budgetDayStart } from './store/budget-day.js';
export type { Database } from './store/database-schema.js';
export type { JobPatch, JobStore, JobWriteOptions, Page, UsageQuery } from './store/job-store.js';
export type { KyselyStoreOptions } from './store/kysely-store.js';
export { createKyselyStore } from './store/kysely-store.js';
export type {
  Balance,
  DailyBudget,
  Ledger,
  LedgerEntry,
  LedgerEntryKind,
  ReserveRequest,
  Store,
} from './store/ledger.js';
export type { MigratorOptions } from './store/migrations.js';
export { createMigrator, MIGRATIONS, migrateToLatest } from './store/migrations.js';
export type { PutRecordOptions, RecordStore } from './store/record-store.js';
export type { JobFilter, Reports, SpendRow } from './store/reports.js';
export type { SqliteStoreOptions } from './store/sqlite-store.js';
// Store
export { createSqliteStore } from './store/sqlite-store.js';
export type { KeyLock, Transact } from './store/store-context.js';
