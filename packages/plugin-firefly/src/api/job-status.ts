import { lenient, looseNumber, nonBlank, type Output, type PollResult } from '@genhub/provider';
import { z } from 'zod';
import { errorWords, fireflyErrorBody, jobFailure } from './errors.js';

/** What `POST /v3/images/generate-async` and `POST /v3/videos/generate` answer (HTTP 202). */
export const acceptedJob = z.object({
  jobId: nonBlank,
  statusUrl: lenient(nonBlank),
  cancelUrl: lenient(nonBlank),
});

const url = z.object({ url: nonBlank });

/** `GET /v3/status/{jobId}`: the job's state, its progress, and on success its outputs. */
export const jobStatus = z.object({
  jobId: lenient(nonBlank),
  status: z.enum(['pending', 'running', 'succeeded', 'failed', 'canceled', 'cancel_pending', 'timeout']),
  progress: lenient(looseNumber),
  result: lenient(
    z.object({
      outputs: z.array(z.object({ seed: lenient(looseNumber), image: lenient(url), video: lenient(url) })),
    }),
  ),
  error_code: lenient(nonBlank),
  message: lenient(nonBlank),
});

type JobStatus = z.output<typeof jobStatus>;

/** A job's status as GenHub's poll result. `mediaType` is what the outputs are (PNG images, MP4 video). */
export function pollResult(job: JobStatus, jobId: string, mediaType: string | undefined): PollResult {
  switch (job.status) {
    case 'pending':
    case 'running':
    case 'cancel_pending':
      return {
        status: 'pending',
        ...(job.progress === undefined ? {} : { percent: Math.min(100, Math.max(0, job.progress)) }),
      };
    case 'canceled':
      return { status: 'cancelled' };
    case 'succeeded': {
      const outputs: Output[] = (job.result?.outputs ?? []).flatMap((output) => {
        const link = output.image ?? output.video;
        if (link === undefined) return [];
        return [
          {
            kind: 'url' as const,
            url: link.url,
            ...(mediaType === undefined ? {} : { mediaType }),
            ...(output.seed === undefined ? {} : { metadata: { seed: output.seed } }),
          },
        ];
      });
      if (outputs.length > 0) return { status: 'succeeded', outputs };
      return {
        status: 'failed',
        error: jobFailure({
          summary: `Firefly job ${jobId} succeeded without any output`,
          details: { jobId },
        }),
      };
    }
    default: {
      const parsed = fireflyErrorBody.safeParse(job);
      const words = parsed.success ? errorWords(parsed.data) : job.message;
      const providerCode = job.error_code ?? (job.status === 'timeout' ? 'timeout' : undefined);
      return {
        status: 'failed',
        error: jobFailure({
          summary: `Firefly job ${jobId} ${job.status === 'timeout' ? 'timed out' : 'failed'}`,
          details: { jobId },
          ...(words === undefined ? {} : { words }),
          ...(providerCode === undefined ? {} : { providerCode }),
        }),
      };
    }
  }
}
