import {
  currentModel,
  type GenerationService,
  type JobState,
  maybeBilledTask,
  type ProcessRole,
  TERMINAL_STATES,
} from '@genhub/core';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of one process, fed from the pipeline's job events, every series labelled with
 * the process's role. With Redis a process also hears of other processes' jobs: those are counted
 * where they happen, and a job that moves on to another process leaves this one's gauge.
 */
export interface Metrics {
  registry: Registry;
  close(): void;
}

export function createMetrics(generation: GenerationService, role: ProcessRole = 'all'): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ role });
  collectDefaultMetrics({ register: registry, prefix: 'genhub_' });
  const jobs = new Gauge({
    name: 'genhub_jobs',
    help: 'Jobs of this process that are not finished, by state and provider model.',
    labelNames: ['state', 'model'] as const,
    registers: [registry],
  });
  const finished = new Counter({
    name: 'genhub_jobs_finished_total',
    help: 'Jobs that ended, by final state and provider model.',
    labelNames: ['state', 'model'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'genhub_job_latency_seconds',
    help: 'Time from request to the end of a job, by final state and provider model.',
    labelNames: ['state', 'model'] as const,
    buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800],
    registers: [registry],
  });
  const spent = new Counter({
    name: 'genhub_credits_spent_usd_total',
    help: 'Credits charged for jobs, in US dollars, by provider model.',
    labelNames: ['model'] as const,
    registers: [registry],
  });
  const maybeBilled = new Counter({
    name: 'genhub_jobs_maybe_billed_total',
    help: 'Jobs refunded after a submit whose answer was lost and whose task could not be found: the provider may have billed a task.',
    labelNames: ['model'] as const,
    registers: [registry],
  });

  const seen = new Map<string, { state: JobState; model: string }>();
  const unsubscribe = generation.events.subscribe(({ job }, origin) => {
    const model = currentModel(job);
    const before = seen.get(job.id);
    if (origin === 'elsewhere') {
      if (before) jobs.dec({ state: before.state, model: before.model });
      seen.delete(job.id);
      return;
    }
    if (before && before.state === job.state && before.model === model) return;
    if (before) jobs.dec({ state: before.state, model: before.model });
    if (TERMINAL_STATES.has(job.state)) {
      seen.delete(job.id);
      finished.inc({ state: job.state, model });
      const end = job.finishedAt ?? job.updatedAt;
      latency.observe({ state: job.state, model }, Math.max(0, (end - job.createdAt) / 1000));
      if (job.chargedMicros) spent.inc({ model }, job.chargedMicros / 1_000_000);
      if (maybeBilledTask(job)) maybeBilled.inc({ model });
      return;
    }
    seen.set(job.id, { state: job.state, model });
    jobs.inc({ state: job.state, model });
  });

  return {
    registry,
    close: unsubscribe,
  };
}
