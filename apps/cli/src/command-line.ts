import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** A negative number (`-5`, `-0.25`) is an argument, not an option. */
const NEGATIVE_NUMBER = /^-(\d|\.\d)/;
/** Marks a negative number while parseArgs runs; no one types it. */
const MARK = '\u0000';

export interface CommandLine<O extends ParseArgsOptionsConfig> {
  values: ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>>['values'];
  positionals: string[];
}

/**
 * `util.parseArgs` for one command: positionals allowed, negative numbers taken as arguments
 * (`credits grant console -5`), and its errors turned into one-sentence UsageErrors.
 */
export function parseCommandLine<const O extends ParseArgsOptionsConfig>(
  args: readonly string[],
  options: O,
): CommandLine<O> {
  const marked = args.map((arg) => (NEGATIVE_NUMBER.test(arg) ? MARK + arg : arg));
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: marked, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(sentenceFor(error));
  }
  const unmark = (value: string) => (value.startsWith(MARK) ? value.slice(MARK.length) : value);
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed.values)) {
    if (typeof value === 'string') values[key] = unmark(value);
    else if (Array.isArray(value))
      values[key] = value.map((item) => (typeof item === 'string' ? unmark(item) : item));
    else values[key] = value;
  }
  return { values: values as CommandLine<O>['values'], positionals: parsed.positionals.map(unmark) };
}

function sentenceFor(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option)
    return `Unknown option ${option}; run "genhub help" for the options of each command.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return message.includes('does not take an argument')
      ? `${option} takes no value.`
      : `${option} needs a value.`;
  }
  return `${message.split('\n')[0]?.replace(/\.$/, '')}; run "genhub help" for the options of each command.`;
}

/** A whole number from `min` to `max`, or the fallback when the option is absent. */
export function wholeNumberOption(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const number = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new UsageError(`--${name} takes a whole number from ${min} to ${max}.`);
  }
  return number;
}
