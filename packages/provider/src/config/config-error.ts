/** One thing wrong with the configuration. */
export interface ConfigIssue {
  /** Dotted path in the configuration file, such as `providers.gateai.apiKey`. */
  key: string;
  /** The environment variable that sets it, when there is one. */
  env?: string;
  message: string;
}

/** Bad configuration: names every key at fault and what is wrong with it. For operators, not chat users. */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[], source?: string) {
    const lines = issues.map(
      (issue) => `  - ${issue.key}${issue.env ? ` (${issue.env})` : ''}: ${issue.message}`,
    );
    super(`The configuration${source ? ` in ${source}` : ''} is invalid:\n${lines.join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}
