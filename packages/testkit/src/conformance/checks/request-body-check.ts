import type { ConformanceCheck } from '../conformance-check.js';
import { supports } from '../conformance-options.js';
import type { RunRecord } from '../conformance-session.js';
import { type Finding, modelFinding } from '../finding.js';
import { shortJson } from '../model-params.js';
import { containsJson, reachedWire, wireValues } from '../wire-values.js';

/** The parameters a run's request gave whose values the fake never received. */
function missingParams(run: RunRecord): string[] {
  const given = run.scenario.request.params;
  const validated = run.result?.params ?? {};
  const wire = wireValues(run.calls);
  return Object.keys(given)
    .filter((key) => given[key] !== undefined)
    .filter((key) => !reachedWire(Object.hasOwn(validated, key) ? validated[key] : given[key], wire))
    .map(
      (key) => `\`${key}\` (${shortJson(Object.hasOwn(validated, key) ? validated[key] : given[key], 40)})`,
    );
}

/**
 * What each model's request asked for reached the provider: every value given (the prompt, sizes,
 * options, input URLs) appears in a request the fake received, under whatever name the API uses; and
 * a body the author says the request `sends` was sent.
 */
export const requestBody: ConformanceCheck = {
  id: 'request-body',
  title: (options) =>
    supports(options, 'http')
      ? 'sends every value a request gives to the API'
      : 'calls no HTTP API, as declared (supports.http: false)',
  async run(session) {
    if (!supports(session.options, 'http')) {
      // The HTTP client logs every answer and failed request with its method and URL.
      await session.modelRuns();
      const sent = session.logLines.filter(
        (line) => line.message.startsWith('http ') && typeof line.fields.method === 'string',
      );
      if (sent.length === 0) return [];
      const first = `${String(sent[0]!.fields.method)} ${String(sent[0]!.fields.url)}`;
      return [
        {
          check: 'request-body',
          message: `${session.plugin.id}: declares \`supports: { http: false }\` but made HTTP requests (the first: ${first}).`,
        },
      ];
    }
    if (session.fakeCalls() === undefined) {
      return [
        {
          check: 'request-body',
          message: `${session.plugin.id}: fake.start() returns no \`server\` whose calls the suite could check; return it, or declare \`supports: { http: false }\` for a plugin that calls no API.`,
        },
      ];
    }
    const findings: Finding[] = [];
    for (const run of await session.modelRuns()) {
      if (run.result?.status !== 'succeeded') continue;
      if (run.calls.length === 0) {
        findings.push(
          modelFinding('request-body', run.model, `the fake received no request during ${run.source}.`),
        );
        continue;
      }
      const sends = session.plan().runs.find((planned) => planned.scenario === run.scenario)?.sends;
      if (sends && !run.calls.some((call) => containsJson(call.bodyJson, sends))) {
        findings.push(
          modelFinding(
            'request-body',
            run.model,
            `no request the fake received during ${run.source} holds ${shortJson(sends, 120)}.`,
          ),
        );
      }
      const missing = missingParams(run);
      if (missing.length > 0) {
        const list =
          missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
        const requests = run.calls.length === 1 ? 'the request' : `any of the ${run.calls.length} requests`;
        findings.push(
          modelFinding(
            'request-body',
            run.model,
            `${list} of ${run.source} did not reach ${requests} the fake received: dropped or changed on the way.`,
          ),
        );
      }
    }
    return findings;
  },
};
