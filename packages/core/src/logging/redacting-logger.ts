import type { Logger, LogLevel, Redactor } from '@genhub/provider';

type WritingLevel = Exclude<LogLevel, 'silent'>;

/** Wraps any Logger so messages and fields pass through `redactor` first (its secrets may grow later). */
export function withRedaction(logger: Logger, redactor: Redactor): Logger {
  const enabled = (level: WritingLevel) => logger.isLevelEnabled?.(level) ?? true;
  const wrap = (level: WritingLevel) => (message: string, fields?: Record<string, unknown>) => {
    // Redacting costs more than a discarded line: skip it for levels the logger drops.
    if (!enabled(level)) return;
    logger[level](
      redactor.redact(message),
      fields === undefined ? undefined : (redactor.redactValue(fields) as Record<string, unknown>),
    );
  };
  return {
    isLevelEnabled: enabled,
    trace: wrap('trace'),
    debug: wrap('debug'),
    info: wrap('info'),
    warn: wrap('warn'),
    error: wrap('error'),
    child: (bindings) =>
      withRedaction(logger.child(redactor.redactValue(bindings) as Record<string, unknown>), redactor),
  };
}
