import type { Logger, LogLevel } from '@genhub/provider';
import { Redactor } from '@genhub/provider';

type WritingLevel = Exclude<LogLevel, 'silent'>;

const LEVEL_ORDER: Readonly<Record<LogLevel, number>> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  silent: Number.POSITIVE_INFINITY,
};

/** One captured log line; message and fields are already redacted. Fields include child bindings. */
export interface MemoryLogLine {
  level: WritingLevel;
  message: string;
  fields: Record<string, unknown>;
}

export interface MemoryLoggerOptions {
  /** Defaults to a Redactor with no secrets (credential patterns are still hidden). */
  redactor?: Redactor;
  /** Lowest level kept; `trace` by default. */
  level?: LogLevel;
}

/** A Logger that keeps lines in memory, for tests. It redacts exactly as the pino logger does. */
export function createMemoryLogger(options: MemoryLoggerOptions = {}): {
  logger: Logger;
  lines: MemoryLogLine[];
} {
  const redactor = options.redactor ?? new Redactor();
  const threshold = LEVEL_ORDER[options.level ?? 'trace'];
  const lines: MemoryLogLine[] = [];

  const make = (bindings: Record<string, unknown>): Logger => {
    const write = (level: WritingLevel, message: string, fields?: Record<string, unknown>): void => {
      if (LEVEL_ORDER[level] < threshold) return;
      const merged = redactor.redactValue({ ...bindings, ...fields }) as Record<string, unknown>;
      lines.push({ level, message: redactor.redact(message), fields: merged });
    };
    return {
      trace: (message, fields) => write('trace', message, fields),
      debug: (message, fields) => write('debug', message, fields),
      info: (message, fields) => write('info', message, fields),
      warn: (message, fields) => write('warn', message, fields),
      error: (message, fields) => write('error', message, fields),
      child: (more) => make({ ...bindings, ...more }),
      isLevelEnabled: (level) => LEVEL_ORDER[level] >= threshold,
    };
  };

  return { logger: make({}), lines };
}
