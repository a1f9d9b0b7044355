import {
  GenHubError,
  type HttpClient,
  type HttpRequest,
  jsonBody,
  type Output,
  type PollResult,
  requestJson,
} from '@genhub/provider';
import type { z } from 'zod';
import type { WorkerEndpoint } from '../config.js';
import { jobFailure, requestErrors } from './errors.js';
import type { WorkerBackend } from './worker-backend.js';
import { healthAnswer, type JobAnswer, jobAnswer, type OutputFile } from './worker-job.js';

/** A worker speaking the GenHub worker protocol (see worker-job.ts and the README). */
export function jobProtocolBackend(endpoint: WorkerEndpoint, api: HttpClient): WorkerBackend {
  const call = <Schema extends z.ZodType>(request: HttpRequest, schema: Schema) =>
    requestJson(api, request, schema, { provider: 'local', errors: requestErrors });
  const jobPath = (id: string) => `/v1/jobs/${encodeURIComponent(id)}`;

  /** A result file: a link resolved against the worker's URL, or decoded bytes. */
  const output = (file: OutputFile): Output =>
    file.b64 !== undefined
      ? { kind: 'bytes', data: Buffer.from(file.b64, 'base64'), mediaType: file.media_type }
      : { kind: 'url', url: new URL(file.url!, `${endpoint.url}/`).href, mediaType: file.media_type };

  const pollResult = (job: JobAnswer): PollResult => {
    if (job.status === 'queued' || job.status === 'running') {
      return {
        status: 'pending',
        ...(job.progress === undefined ? {} : { percent: job.progress }),
        ...(job.queue_position === undefined ? {} : { queuePosition: job.queue_position }),
        ...(job.eta_seconds === undefined ? {} : { etaSeconds: job.eta_seconds }),
      };
    }
    if (job.status === 'cancelled') return { status: 'cancelled' };
    if (job.status === 'succeeded' && job.outputs.length > 0) {
      return { status: 'succeeded', outputs: job.outputs.map(output) };
    }
    return {
      status: 'failed',
      error: jobFailure({
        summary: `The ${endpoint.worker} worker could not finish job ${job.id}`,
        ...(job.error === undefined
          ? { words: 'it ended without a result' }
          : { words: job.error.message, ...(job.error.code ? { providerCode: job.error.code } : {}) }),
        details: { worker: endpoint.worker, jobId: job.id },
      }),
    };
  };

  return {
    endpoint,
    async submit(job, { signal, idempotencyKey }) {
      const answer = await call(
        {
          method: 'POST',
          url: '/v1/jobs',
          json: jsonBody({ ...job }),
          // The protocol asks workers to answer a repeated key with the job it already made.
          headers: { 'idempotency-key': idempotencyKey },
          idempotent: true,
          signal,
        },
        jobAnswer,
      );
      const ref = { id: answer.id, data: { worker: endpoint.worker } };
      const now = pollResult(answer);
      if (now.status === 'succeeded') return now;
      if (now.status === 'failed') throw now.error;
      if (now.status === 'cancelled') {
        throw new GenHubError('CANCELLED', `The ${endpoint.worker} worker cancelled the job at once.`);
      }
      return { status: 'pending', ref };
    },
    poll: async (jobId, signal) => pollResult(await call({ url: jobPath(jobId), signal }, jobAnswer)),
    async cancel(jobId, signal) {
      const response = await api.request({ method: 'DELETE', url: jobPath(jobId), signal });
      const body = await response.text();
      // 409: the job ended first; 404: the worker forgot it. Either way there is nothing to stop.
      const ended = response.status === 409 || response.status === 404;
      if ((response.status >= 200 && response.status < 300) || ended) return;
      throw requestErrors(response.status, response.headers, body, { request: `DELETE ${jobPath(jobId)}` });
    },
    async health(signal) {
      const answer = await call({ url: '/health', signal, retry: false }, healthAnswer);
      const said = answer.message === undefined ? '' : `: ${answer.message}`;
      return { ok: answer.status === 'ok', message: `${endpoint.worker} ${answer.status}${said}` };
    },
  };
}
