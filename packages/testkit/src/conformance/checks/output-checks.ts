import { isDeepStrictEqual } from 'node:util';
import type { Output } from '@genhub/core';
import type { ConformanceCheck } from '../conformance-check.js';
import type { RunRecord } from '../conformance-session.js';
import { type Finding, modelFinding } from '../finding.js';

const MEDIA_TYPE = /^[a-z]+\/[a-z0-9][a-z0-9.+-]*(?:\s*;.*)?$/i;

/** Problems with one output's shape, as sentence ends. */
function outputProblems(output: Output): string[] {
  const problems: string[] = [];
  if (output.kind === 'url') {
    let protocol: string | undefined;
    try {
      protocol = new URL(output.url).protocol;
    } catch {
      problems.push(`has a URL that does not parse ("${output.url.slice(0, 80)}")`);
    }
    if (protocol && !['http:', 'https:', 'data:'].includes(protocol)) {
      problems.push(`has a ${protocol} URL; core fetches http, https and data URLs only`);
    }
    if (output.mediaType !== undefined && !MEDIA_TYPE.test(output.mediaType)) {
      problems.push(`declares "${output.mediaType}", which is not a media type`);
    }
  } else if (output.kind === 'bytes') {
    if (!(output.data instanceof Uint8Array)) problems.push('carries bytes that are not a Uint8Array');
    else if (output.data.byteLength === 0) problems.push('is empty');
    if (!MEDIA_TYPE.test(output.mediaType ?? '')) {
      problems.push(`declares "${String(output.mediaType)}", which is not a media type`);
    }
  } else {
    problems.push(`has kind "${String((output as { kind: unknown }).kind)}", neither "url" nor "bytes"`);
  }
  if (output.role !== undefined && output.role !== 'primary' && output.role !== 'preview') {
    problems.push(`has role "${String(output.role)}", neither "primary" nor "preview"`);
  }
  return problems;
}

/** Problems with one succeeded run's outputs, cost and task ref. */
export async function runProblems(
  run: RunRecord,
  readOutputs: (run: RunRecord) => Promise<ReadonlyArray<{ number: number; unreadable: string | undefined }>>,
): Promise<string[]> {
  const result = run.result!;
  const problems: string[] = [];
  if (result.outputs.length === 0) problems.push(`${run.source} succeeded without outputs`);
  for (const [index, output] of result.outputs.entries()) {
    for (const problem of outputProblems(output))
      problems.push(`output ${index + 1} of ${run.source} ${problem}`);
  }
  for (const read of await readOutputs(run)) {
    if (read.unreadable) problems.push(`output ${read.number} of ${run.source}: ${read.unreadable}`);
  }
  if (result.outputs.length > 0 && !result.outputs.some((output) => output.role !== 'preview')) {
    problems.push(`${run.source} answered only previews, no primary output`);
  }
  if (result.cost && !(Number.isFinite(result.cost.usd) && result.cost.usd >= 0)) {
    problems.push(`${run.source} reports a cost of ${result.cost.usd} dollars`);
  }
  if (result.ref) {
    if (typeof result.ref.id !== 'string')
      problems.push(`${run.source} answered a task ref without a string id`);
    else if (!isDeepStrictEqual(JSON.parse(JSON.stringify(result.ref)), result.ref)) {
      problems.push(`${run.source} answered a task ref that does not survive JSON`);
    }
  }
  return problems;
}

/** Every succeeded run answers outputs core can store: parseable URLs, non-empty bytes, a primary file. */
export const outputsValid: ConformanceCheck = {
  id: 'outputs-valid',
  title: 'answers outputs, costs and task refs core can store',
  async run(session) {
    const findings: Finding[] = [];
    for (const run of await session.outputRuns()) {
      for (const problem of await runProblems(run, session.outputsOf)) {
        findings.push(modelFinding('outputs-valid', run.model, `${problem}.`));
      }
    }
    return findings;
  },
};
