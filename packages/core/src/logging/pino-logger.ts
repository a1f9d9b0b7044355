import type { Logger, LogLevel, Redactor } from '@genhub/provider';
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';

export interface CreateLoggerOptions {
  /** Lowest level written; `silent` writes nothing. */
  level: LogLevel;
  /** Every message, field and binding passes through it before pino sees it. */
  redactor: Redactor;
  /** Where JSON lines go; standard output by default. Tests pass a stream to capture them. */
  destination?: DestinationStream | NodeJS.WritableStream;
}

type WritingLevel = Exclude<LogLevel, 'silent'>;

/** Fields are already plain, redacted objects; pino's own error serialiser would only mangle them. */
const keepAsIs = (value: unknown): unknown => value;

/** A Logger that writes JSON lines through pino, with secrets redacted first. */
export function createLogger(options: CreateLoggerOptions): Logger {
  const pinoOptions = { level: options.level, serializers: { err: keepAsIs } };
  const instance =
    options.destination === undefined ? pino(pinoOptions) : pino(pinoOptions, options.destination);
  return new RedactingPinoLogger(instance, options.redactor);
}

class RedactingPinoLogger implements Logger {
  readonly #pino: PinoLogger;
  readonly #redactor: Redactor;

  constructor(instance: PinoLogger, redactor: Redactor) {
    this.#pino = instance;
    this.#redactor = redactor;
  }

  trace(message: string, fields?: Record<string, unknown>): void {
    this.#write('trace', message, fields);
  }
  debug(message: string, fields?: Record<string, unknown>): void {
    this.#write('debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.#write('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.#write('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.#write('error', message, fields);
  }

  isLevelEnabled(level: WritingLevel): boolean {
    return this.#pino.isLevelEnabled(level);
  }

  /** A logger whose lines carry `bindings` (redacted) and which redacts with the same Redactor. */
  child(bindings: Record<string, unknown>): Logger {
    return new RedactingPinoLogger(this.#pino.child(this.#redactFields(bindings)), this.#redactor);
  }

  #write(level: WritingLevel, message: string, fields: Record<string, unknown> | undefined): void {
    if (!this.#pino.isLevelEnabled(level)) return;
    const safeMessage = this.#redactor.redact(message);
    if (fields === undefined) this.#pino[level](safeMessage);
    else this.#pino[level](this.#redactFields(fields), safeMessage);
  }

  #redactFields(fields: Record<string, unknown>): Record<string, unknown> {
    return this.#redactor.redactValue(fields) as Record<string, unknown>;
  }
}
