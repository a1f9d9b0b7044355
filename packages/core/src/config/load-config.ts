import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, type ConfigIssue } from '@genhub/provider';
import type { z } from 'zod';
import { type GenHubConfig, genHubConfigSchema } from './config-schema.js';
import { CORE_ENV_VARS, LIST_KEYS } from './env-names.js';

export interface LoadConfigOptions {
  /** A JSON file; defaults to `$GENHUB_CONFIG`, else `genhub.config.json` in `cwd` when it exists. */
  file?: string;
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  /** Settings that win over both the file and the environment (tests, the CLI's flags). */
  overrides?: Readonly<Record<string, unknown>>;
}

/**
 * Reads the configuration file, lays the environment over it and validates the result.
 * Throws ConfigError naming each bad key and the variable that sets it.
 */
export function loadConfig(options: LoadConfigOptions = {}): GenHubConfig {
  const env = options.env ?? process.env;
  const explicit = options.file ?? env.GENHUB_CONFIG;
  const file = configFilePath(options);
  let raw: Record<string, unknown> = {};
  if (explicit || existsSync(file)) raw = readConfigFile(file);

  for (const [key, name] of Object.entries(CORE_ENV_VARS)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    setPath(raw, key, LIST_KEYS.has(key) ? splitList(value) : value);
  }
  for (const [key, value] of Object.entries(options.overrides ?? {})) setPath(raw, key, value);

  return parseConfig(raw, explicit || existsSync(file) ? file : undefined);
}

/** The configuration file `loadConfig` reads (whether or not it exists). */
export function configFilePath(options: Pick<LoadConfigOptions, 'file' | 'env' | 'cwd'> = {}): string {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const explicit = options.file ?? env.GENHUB_CONFIG;
  return explicit ? resolve(cwd, explicit) : resolve(cwd, 'genhub.config.json');
}

/** Validates an already assembled configuration object. */
export function parseConfig(raw: unknown, source?: string): GenHubConfig {
  const result = genHubConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map(toConfigIssue), source);
}

function toConfigIssue(issue: z.core.$ZodIssue): ConfigIssue {
  const key = issue.path.map(String).join('.') || '(root)';
  const env = (CORE_ENV_VARS as Record<string, string>)[key] ?? envForNested(key);
  let message = issue.message;
  if (issue.code === 'unrecognized_keys')
    message = `unknown setting ${issue.keys.join(', ')}; check the spelling`;
  return { key, ...(env ? { env } : {}), message };
}

function envForNested(key: string): string | undefined {
  const base = key.replace(/\.\d+$/, '');
  return (CORE_ENV_VARS as Record<string, string>)[base];
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError([{ key: '(file)', env: 'GENHUB_CONFIG', message: `cannot read ${file}` }]);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error('not an object');
    }
    return parsed as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError([{ key: '(file)', message: `${file} is not a JSON object (${reason})` }]);
  }
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1)!] = value;
}
