/** Environment variables for core's own settings, by configuration key. */
export const CORE_ENV_VARS = {
  dataDir: 'GENHUB_DATA_DIR',
  logLevel: 'GENHUB_LOG_LEVEL',
  trustedOrigins: 'GENHUB_TRUSTED_ORIGINS',
  plugins: 'GENHUB_PLUGINS',
  publicUrl: 'GENHUB_PUBLIC_URL',
  linkTtlHours: 'GENHUB_LINK_TTL_HOURS',
  linkSecret: 'GENHUB_LINK_SECRET',
  shutdownSeconds: 'GENHUB_SHUTDOWN_SECONDS',
  'chat.confirmAboveUsd': 'GENHUB_CONFIRM_ABOVE_USD',
  'chat.operators': 'GENHUB_OPERATORS',
  'safety.blockedTerms': 'GENHUB_BLOCKED_TERMS',
  'dashboard.token': 'GENHUB_DASHBOARD_TOKEN',
  'dashboard.allowRemote': 'GENHUB_DASHBOARD_ALLOW_REMOTE',
  'dashboard.loginLinkMinutes': 'GENHUB_DASHBOARD_LINK_MINUTES',
  'dashboard.sessionHours': 'GENHUB_DASHBOARD_SESSION_HOURS',
  'http.connectTimeoutMs': 'GENHUB_HTTP_CONNECT_TIMEOUT_MS',
  'http.headersTimeoutMs': 'GENHUB_HTTP_HEADERS_TIMEOUT_MS',
  'http.bodyTimeoutMs': 'GENHUB_HTTP_BODY_TIMEOUT_MS',
  'http.retries': 'GENHUB_HTTP_RETRIES',
  'http.retryBaseDelayMs': 'GENHUB_HTTP_RETRY_BASE_DELAY_MS',
  'http.retryMaxDelayMs': 'GENHUB_HTTP_RETRY_MAX_DELAY_MS',
  'http.maxResponseMegabytes': 'GENHUB_HTTP_MAX_RESPONSE_MB',
  'sqlite.synchronous': 'GENHUB_SQLITE_SYNCHRONOUS',
  'jobs.concurrency': 'GENHUB_JOBS_CONCURRENCY',
  'jobs.deadlineMinutes': 'GENHUB_JOBS_DEADLINE_MINUTES',
  'jobs.pollFailureMinutes': 'GENHUB_JOBS_POLL_FAILURE_MINUTES',
  'jobs.maxOutputMegabytes': 'GENHUB_JOBS_MAX_OUTPUT_MB',
  'jobs.maxInputMegabytes': 'GENHUB_JOBS_MAX_INPUT_MB',
  'billing.dailyBudgetUsd': 'GENHUB_DAILY_BUDGET_USD',
  'billing.dailyResetHourUtc': 'GENHUB_DAILY_RESET_HOUR_UTC',
  'limits.maxJobsInFlight': 'GENHUB_MAX_JOBS_IN_FLIGHT',
} as const;

/** Keys whose variable holds a comma-separated list. */
export const LIST_KEYS: ReadonlySet<string> = new Set([
  'trustedOrigins',
  'plugins',
  'chat.operators',
  'safety.blockedTerms',
]);

export {
  envSuffixToKey,
  providerEnvName,
  providerEnvPrefix,
  providerSettingsFromEnv,
} from '@genhub/provider';
