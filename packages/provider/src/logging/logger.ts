/** Structured logging. Every implementation redacts known secrets from messages and fields. */
export interface Logger {
  trace(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
  /**
   * Whether lines of `level` are written, so a caller can skip building fields nobody reads. Absent
   * means they are.
   */
  isLevelEnabled?(level: Exclude<LogLevel, 'silent'>): boolean;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent';
