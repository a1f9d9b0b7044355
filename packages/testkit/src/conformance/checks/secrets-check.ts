import { type GenHubError, isSecretKey } from '@genhub/core';
import type { ConformanceCheck } from '../conformance-check.js';
import { type Finding, modelFinding } from '../finding.js';

/** Secrets shorter than this are too likely to occur by chance (and core does not redact them either). */
const SHORTEST_SECRET = 6;

function safeJson(value: unknown): string {
  try {
    return (
      JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? String(inner) : inner)) ??
      ''
    );
  } catch {
    return String(value);
  }
}

/** The names of a configuration schema's top-level settings that hold secrets (`apiKey`, `token`). */
function secretSettings(config: unknown): string[] {
  const shape = (config as { _zod?: { def?: { shape?: Record<string, unknown> } } })._zod?.def?.shape ?? {};
  return Object.keys(shape).filter((key) => isSecretKey(key));
}

/** The text around the first secret in `text`, the secret shown as ***. */
function excerpt(text: string, secrets: readonly string[]): string | undefined {
  const secret = secrets.find((candidate) => text.includes(candidate));
  if (secret === undefined) return undefined;
  const at = text.indexOf(secret);
  const from = Math.max(0, at - 40);
  const to = at + secret.length + 40;
  let shown = `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
  for (const hidden of secrets) shown = shown.split(hidden).join('***');
  return shown.replace(/\s+/g, ' ');
}

/** Where in an error a secret shows: message, details, JSON form, stack or a cause. */
function errorLeak(error: GenHubError, secrets: readonly string[]): string | undefined {
  const places: Array<[string, string | undefined]> = [
    ['message', error.message],
    ['details', safeJson(error.details)],
    ['JSON form', safeJson(error.toJSON())],
    ['stack', error.stack],
  ];
  let cause: unknown = error.cause;
  for (let depth = 1; cause !== undefined && depth <= 5; depth += 1) {
    places.push([
      `cause ${depth}`,
      cause instanceof Error ? `${cause.message}\n${cause.stack ?? ''}` : safeJson(cause),
    ]);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  for (const [place, text] of places) {
    const shown = text === undefined ? undefined : excerpt(text, secrets);
    if (shown !== undefined)
      return `its ${error.code} error's ${place} holds the configured secret ("${shown}")`;
  }
  return undefined;
}

/**
 * No secret of the configuration (an API key) shows in a log line the plugin or its HTTP client
 * wrote, in a GenHubError (message, details, stack, causes), or in what core stores: task refs,
 * warnings and output metadata.
 */
export const secrets: ConformanceCheck = {
  id: 'secrets',
  title: 'never logs, throws or stores the secrets in its configuration',
  async run(session) {
    // Every model and scenario has run by now, unless this check was picked alone.
    await session.outputRuns();
    const secretValues = session.secrets.filter((secret) => secret.length >= SHORTEST_SECRET);
    const pluginId = session.plugin.id;
    if (secretValues.length === 0) {
      // A plugin without credentials (an offline engine) has nothing to leak.
      if (!secretSettings(session.plugin.config).length) return [];
      return [
        {
          check: 'secrets',
          message: `${pluginId}: the fake's configuration sets no ${secretSettings(session.plugin.config).join(' or ')} of ${SHORTEST_SECRET} or more characters, so leaks cannot be looked for.`,
        },
      ];
    }
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const add = (model: string | undefined, problem: string) => {
      const finding = model
        ? modelFinding('secrets', model, problem)
        : { check: 'secrets' as const, message: `${pluginId}: ${problem}` };
      if (seen.has(finding.message)) return;
      seen.add(finding.message);
      findings.push(finding);
    };
    // Where each error came from, so the finding names its model.
    const origins = new Map<GenHubError, { model: string; source?: string }>();
    for (const run of session.runs) {
      if (run.result?.error) origins.set(run.result.error, { model: run.model, source: run.source });
    }
    for (const { model, error } of session.looseErrors) origins.set(error, { model });
    for (const error of new Set(session.errors)) {
      const leak = errorLeak(error, secretValues);
      if (!leak) continue;
      const origin = origins.get(error);
      add(origin?.model, origin?.source ? `${leak}, in ${origin.source}.` : `${leak}.`);
    }
    for (const run of session.runs) {
      const result = run.result;
      const stored: Array<[string, unknown]> = [
        ['task ref', result?.ref],
        ['warnings', result?.warnings],
        ['output metadata', result?.outputs.map((output) => output.metadata)],
      ];
      for (const [what, value] of stored) {
        const shown = value === undefined ? undefined : excerpt(safeJson(value), secretValues);
        if (shown !== undefined)
          add(run.model, `the ${what} of ${run.source} holds the configured secret ("${shown}").`);
      }
    }
    for (const line of session.logLines) {
      const shown = excerpt(`${line.message} ${safeJson(line.fields)}`, secretValues);
      if (shown === undefined) continue;
      const model = typeof line.fields.model === 'string' ? line.fields.model : undefined;
      add(
        model,
        `${/^[aeiou]/.test(line.level) ? 'an' : 'a'} ${line.level} log line holds the configured secret ("${shown}").`,
      );
    }
    return findings;
  },
};
