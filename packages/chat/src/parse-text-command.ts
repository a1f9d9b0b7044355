import { GenHubError, tryParseAspectRatio } from '@genhub/core';
import type { CommandOption } from './commands.js';

/** One `--flag value` as typed; `value` is undefined for a bare `--flag`. */
export interface ParsedFlag {
  name: string;
  value: string | undefined;
}

/** A text command taken apart: `/imagine@GenHubBot a fox --ar 16:9`. */
export interface ParsedTextCommand {
  /** Lower case, without the slash. */
  command: string;
  /** The bot the command was addressed to (`/imagine@name`), as typed. */
  botName?: string;
  /** The text that is not a flag: as typed when there are no flags, else its pieces joined by a space. */
  prompt: string;
  flags: ParsedFlag[];
}

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?=\s|$)/;
/** `--name`, or `—name` / `–name` as phone keyboards turn `--` into a dash, with an optional `=value`. */
const FLAG = /^(?:--|[\u2014\u2013]-?)([A-Za-z][A-Za-z0-9_-]*)(?:=([\s\S]*))?$/;
/** Flags whose value is free text up to the next flag (`--no blurry, text`). */
const TEXT_FLAGS = new Set(['no', 'negative', 'negativeprompt']);
/** Words a bare boolean flag may be followed by; anything else stays in the prompt. */
const BOOLEAN_WORDS = new Set(['true', 'false', 'yes', 'no', 'on', 'off', '1', '0']);
const QUOTES: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  '\u201c': '\u201d',
  '\u201e': '\u201c',
  '\u00ab': '\u00bb',
};

interface Token {
  /** The text with surrounding quotes removed. */
  value: string;
  start: number;
  end: number;
  quoted: boolean;
}

function tokenize(text: string, from: number): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const start = i;
    const close = QUOTES[text[i]!];
    if (close !== undefined) {
      const end = text.indexOf(close, i + 1);
      const stop = end === -1 ? text.length : end;
      tokens.push({
        value: text.slice(i + 1, stop),
        start,
        end: Math.min(stop + 1, text.length),
        quoted: true,
      });
      i = stop + 1;
      continue;
    }
    // A `--flag="quoted value"` keeps its spaces.
    while (i < text.length && !/\s/.test(text[i]!)) {
      const inner = text[i] === '=' ? QUOTES[text[i + 1] ?? ''] : undefined;
      if (inner !== undefined) {
        const end = text.indexOf(inner, i + 2);
        const stop = end === -1 ? text.length : end;
        const raw = text.slice(start, i + 1) + text.slice(i + 2, stop);
        tokens.push({ value: raw, start, end: Math.min(stop + 1, text.length), quoted: false });
        i = stop + 1;
        break;
      }
      i++;
      if (i >= text.length || /\s/.test(text[i]!))
        tokens.push({ value: text.slice(start, i), start, end: i, quoted: false });
    }
  }
  return tokens;
}

function flagOf(token: Token | undefined): RegExpExecArray | null {
  return token && !token.quoted ? FLAG.exec(token.value) : null;
}

const norm = (name: string): string => name.toLowerCase().replace(/[-_]/g, '');

/**
 * Takes a Telegram-style text command apart. Returns undefined when the text is not a command.
 * A flag's value is the next word (or quoted text); `--no` takes everything up to the next flag;
 * a bare flag followed by a word that is not yes/no leaves that word in the prompt. Quoted text is
 * never a flag. Pass the command's options so yes/no options can be given bare (`--hd a fox`).
 */
export function parseTextCommand(
  text: string,
  options: readonly CommandOption[] = [],
): ParsedTextCommand | undefined {
  const switches = new Set(
    options.filter((o) => o.type === 'boolean').flatMap((o) => [o.name, o.param, ...o.aliases].map(norm)),
  );
  const isSwitch = switches.size === 0 ? undefined : (name: string) => switches.has(norm(name));
  const trimmed = text.trimStart();
  const head = COMMAND.exec(trimmed);
  if (!head) return undefined;
  const tokens = tokenize(trimmed, head[0].length);
  const flags: ParsedFlag[] = [];
  const promptRuns: Array<[number, number]> = [];
  let run: [number, number] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const flag = flagOf(token);
    if (!flag) {
      if (run) run[1] = token.end;
      else run = [token.start, token.end];
      continue;
    }
    if (run) promptRuns.push(run);
    run = undefined;
    const name = flag[1]!;
    if (flag[2] !== undefined) {
      flags.push({ name, value: flag[2] });
      continue;
    }
    const next = tokens[i + 1];
    if (!next || flagOf(next)) {
      flags.push({ name, value: undefined });
      continue;
    }
    if (TEXT_FLAGS.has(norm(name))) {
      let j = i + 1;
      while (j + 1 < tokens.length && !flagOf(tokens[j + 1])) j++;
      const words = tokens.slice(i + 1, j + 1);
      const value =
        words.length === 1 && words[0]!.quoted
          ? words[0]!.value
          : trimmed.slice(words[0]!.start, words[words.length - 1]!.end).replace(/\s+/g, ' ');
      flags.push({ name, value });
      i = j;
      continue;
    }
    // A yes/no flag takes the next word only when it is yes/no; any other word stays in the prompt.
    if (isSwitch?.(name) && (next.quoted || !BOOLEAN_WORDS.has(next.value.toLowerCase()))) {
      flags.push({ name, value: undefined });
      continue;
    }
    flags.push({ name, value: next.value });
    i++;
  }
  if (run) promptRuns.push(run);
  const prompt =
    flags.length === 0 && promptRuns.length === 1
      ? trimmed.slice(promptRuns[0]![0], promptRuns[0]![1])
      : promptRuns.map(([start, end]) => trimmed.slice(start, end)).join(' ');
  return {
    command: head[1]!.toLowerCase(),
    ...(head[2] === undefined ? {} : { botName: head[2] }),
    prompt,
    flags,
  };
}

/** What the flags resolve to: the model asked for, and parameters by the model's own names. */
export interface ResolvedFlags {
  model?: string;
  params: Record<string, string | number | boolean>;
  /** Flags no option knows, kept as typed (`--v 7`) when `keepUnknown` was asked for. */
  unknown: string[];
}

const EXTRA_ALIASES: Readonly<Record<string, string>> = {
  quantity: 'quantity',
  n: 'quantity',
  no: 'negativePrompt',
  negative: 'negativePrompt',
  ar: 'aspectRatio',
};

function invalid(sentence: string, flag: string, value?: string): GenHubError {
  return new GenHubError('INVALID_INPUT', sentence, {
    details: { param: flag, ...(value === undefined ? {} : { value }) },
  });
}

function flagName(option: CommandOption): string {
  return `--${option.aliases[0] ?? option.name}`;
}

function range(option: CommandOption, noun: string): string {
  if (option.min !== undefined && option.max !== undefined)
    return `${noun} from ${option.min} to ${option.max}`;
  if (option.min !== undefined) return `${noun} of at least ${option.min}`;
  if (option.max !== undefined) return `${noun} of at most ${option.max}`;
  return noun;
}

function oneOf(values: ReadonlyArray<string | number>): string {
  return values.join(', ');
}

/**
 * Checks typed flags against a model's options and converts their values. Unknown flags and bad
 * values throw INVALID_INPUT with one sentence naming the flag and what it accepts. `--ar`, `--no`,
 * `--n`/`--quantity`, `--model`, `--seed`, `--duration`, `--voice` and the model's own parameter
 * names (snake_case or camelCase) are understood.
 */
export function resolveFlags(
  flags: readonly ParsedFlag[],
  options: readonly CommandOption[],
  { keepUnknown = false }: { keepUnknown?: boolean } = {},
): ResolvedFlags {
  const byKey = new Map<string, CommandOption>();
  for (const option of options) {
    if (option.param === 'prompt') continue;
    byKey.set(norm(option.name), option);
    byKey.set(norm(option.param), option);
    for (const alias of option.aliases) byKey.set(norm(alias), option);
  }
  for (const [alias, param] of Object.entries(EXTRA_ALIASES)) {
    const option = options.find((o) => o.param === param);
    if (option && !byKey.has(alias)) byKey.set(alias, option);
  }
  const result: ResolvedFlags = { params: {}, unknown: [] };
  const given = new Map<string, string>();
  for (const flag of flags) {
    const typed = `--${flag.name}`;
    const option = byKey.get(norm(flag.name));
    if (!option && keepUnknown) {
      result.unknown.push(flag.value === undefined ? typed : `${typed} ${flag.value}`);
      continue;
    }
    if (!option) {
      const known = options.filter((o) => o.param !== 'prompt').map(flagName);
      throw invalid(
        known.length > 0
          ? `Unknown option ${typed}; options for this model: ${known.join(', ')}.`
          : `Unknown option ${typed}; this model takes no options.`,
        flag.name,
      );
    }
    const earlier = given.get(option.param);
    if (earlier !== undefined) {
      throw invalid(`${typed} is given twice (also as ${earlier}); give it once.`, flag.name);
    }
    given.set(option.param, typed);
    const value = convert(option, typed, flag.value);
    if (option.param === 'model') result.model = String(value);
    else result.params[option.param] = value;
  }
  return result;
}

function convert(option: CommandOption, typed: string, raw: string | undefined): string | number | boolean {
  const value = raw?.trim() ?? '';
  if (option.type === 'boolean') {
    const word = value.toLowerCase();
    if (word === '' || ['true', 'yes', 'on', '1'].includes(word)) return true;
    if (['false', 'no', 'off', '0'].includes(word)) return false;
    throw invalid(`${typed} takes yes or no.`, option.param, value);
  }
  if (option.param === 'aspectRatio') {
    if (tryParseAspectRatio(value) === undefined) {
      throw invalid(`${typed} takes a ratio such as 16:9.`, option.param, value);
    }
    return value.replace(/\s+/g, '');
  }
  if (value === '') {
    const what = option.allowed && option.allowed.length > 0 ? `one of ${oneOf(option.allowed)}` : `a value`;
    throw invalid(`${typed} needs ${what}.`, option.param);
  }
  if (option.allowed && option.allowed.length > 0) {
    const match = option.allowed.find((allowed) => String(allowed).toLowerCase() === value.toLowerCase());
    if (match === undefined) {
      throw invalid(`${typed} must be one of ${oneOf(option.allowed)}.`, option.param, value);
    }
    return match;
  }
  if (option.type === 'integer' || option.type === 'number') {
    const text = option.param === 'duration' ? value.replace(/\s*(s|sec|secs|seconds?)$/i, '') : value;
    const number = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
    const whole = option.type === 'integer';
    const noun = whole ? 'a whole number' : 'a number';
    if (!Number.isFinite(number) || (whole && !Number.isInteger(number))) {
      throw invalid(`${typed} takes ${range(option, noun)}.`, option.param, value);
    }
    if (
      (option.min !== undefined && number < option.min) ||
      (option.max !== undefined && number > option.max)
    ) {
      throw invalid(`${typed} takes ${range(option, noun)}.`, option.param, value);
    }
    return number;
  }
  if (option.maxLength !== undefined && value.length > option.maxLength) {
    throw invalid(`${typed} takes at most ${option.maxLength} characters.`, option.param);
  }
  return value;
}
