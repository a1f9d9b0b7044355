import type { ArtifactLinks, JobRecord, LedgerEntry, Warning } from '@genhub/core';
import { currentModel } from '@genhub/core';
import type { JobDetail, JobOutput, JobSummary, TimelineStep } from './api-types.js';

/** A job as the jobs table shows it. */
export function jobSummary(job: JobRecord): JobSummary {
  const model = currentModel(job);
  const prompt = job.params.prompt;
  return {
    id: job.id,
    createdAt: job.createdAt,
    userId: job.userId,
    communityId: job.communityId,
    task: job.task,
    model,
    provider: providerOf(model),
    state: job.state,
    costMicros: job.chargedMicros ?? job.reservedMicros,
    prompt: typeof prompt === 'string' ? prompt : null,
  };
}

/** A job with everything its page shows; output links are relative, so they follow the page's origin. */
export async function jobDetail(
  job: JobRecord,
  entries: readonly LedgerEntry[],
  links: ArtifactLinks,
): Promise<JobDetail> {
  const { prompt: _prompt, ...params } = job.params;
  return {
    ...jobSummary(job),
    requestedModel: job.requestedModel,
    route: job.route,
    params,
    warnings: job.warnings.map(describeWarning),
    reservedMicros: job.reservedMicros,
    chargedMicros: job.chargedMicros,
    payer: job.payer.kind === 'community' ? `community ${job.payer.id}` : job.payer.id,
    error: job.error ? `${job.error.code}: ${job.error.message}` : null,
    progress: job.progress?.percent === undefined ? null : `${Math.round(job.progress.percent)}%`,
    timeline: timeline(job, entries),
    outputs: await Promise.all(
      job.outputs.map(
        async (output): Promise<JobOutput> => ({
          id: output.id,
          mediaType: output.mediaType,
          bytes: output.bytes,
          role: output.role,
          url: sameOriginPath(await links.url(job.id, output)),
        }),
      ),
    ),
  };
}

export function providerOf(model: string): string {
  return model.split('/')[0] ?? model;
}

function describeWarning(warning: Warning): string {
  switch (warning.type) {
    case 'unsupported':
      return `${warning.feature} is not supported here and was ignored${warning.details ? `: ${warning.details}` : ''}.`;
    case 'adjusted':
      return `${warning.param} changed from ${JSON.stringify(warning.from)} to ${JSON.stringify(warning.to)}: ${warning.reason}.`;
    default:
      return warning.message;
  }
}

const ENTRY_WORDS: Readonly<Record<LedgerEntry['kind'], string>> = {
  grant: 'granted',
  reserve: 'reserved',
  settle: 'settled',
  refund: 'refunded',
};

function timeline(job: JobRecord, entries: readonly LedgerEntry[]): TimelineStep[] {
  const steps: TimelineStep[] = [{ at: job.createdAt, what: `created (${job.requestedModel})` }];
  if (job.submittedAt !== null)
    steps.push({ at: job.submittedAt, what: `submitted to ${currentModel(job)}` });
  for (const entry of entries) {
    steps.push({
      at: entry.createdAt,
      what: `ledger: ${ENTRY_WORDS[entry.kind]} ${usd(entry.amountMicros)}`,
    });
  }
  if (job.finishedAt !== null) steps.push({ at: job.finishedAt, what: `finished: ${job.state}` });
  else steps.push({ at: job.updatedAt, what: `now ${job.state}` });
  return steps.sort((a, b) => a.at - b.at);
}

function usd(micros: number): string {
  return `${micros < 0 ? '-' : '+'}$${(Math.abs(micros) / 1e6).toFixed(4)}`;
}

/**
 * A link to GenHub's own `/files/` route as a path, so the page loads it from wherever it was opened;
 * a link presigned by a bucket stays whole (the page's CSP must then allow that origin's media).
 */
function sameOriginPath(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname.startsWith('/files/') ? parsed.pathname + parsed.search : url;
}
