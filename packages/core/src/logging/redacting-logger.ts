import type { Logger, Redactor } from '@genhub/provider';

/** Wraps any Logger so messages and fields pass through `redactor` first (its secrets may grow later). */
export function withRedaction(logger: Logger, redactor: Redactor): Logger {
  const wrap =
    (level: 'trace' | 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields?: Record<string, unknown>) =>
      logger[level](
        redactor.redact(message),
        fields === undefined ? undefined : (redactor.redactValue(fields) as Record<string, unknown>),
      );
  return {
    trace: wrap('trace'),
    debug: wrap('debug'),
    info: wrap('info'),
    warn: wrap('warn'),
    error: wrap('error'),
    child: (bindings) =>
      withRedaction(logger.child(redactor.redactValue(bindings) as Record<string, unknown>), redactor),
  };
}
