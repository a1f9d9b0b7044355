import type { JobRecord } from '@genhub/core';
import { userMessage } from './error-message.js';

/** `[########------------] 42%`: a text progress bar; the percent is clamped to 0..100. */
export function progressBar(percent: number, width = 20): string {
  const value = Number.isFinite(percent) ? Math.min(100, Math.max(0, percent)) : 0;
  const cells = Math.max(1, Math.floor(width));
  const filled = Math.min(cells, Math.floor((value / 100) * cells + 1e-9));
  return `[${'#'.repeat(filled)}${'-'.repeat(cells - filled)}] ${Math.floor(value)}%`;
}

/**
 * Dollars for people, exact to the micro-dollar the ledger keeps: at least cents, more digits only
 * where the amount has them (`$11.25`, `$1,234.50`, `$9.998`, `$0.003`, `$0.000001`), so a balance
 * never hides what was spent. A number is US dollars; `{ micros }` is micro-dollars.
 */
export function formatUsd(amount: number | { micros: number }): string {
  const micros = typeof amount === 'number' ? Math.round(amount * 1e6) : Math.round(amount.micros);
  if (!Number.isFinite(micros)) return '$?';
  const sign = micros < 0 ? '-' : '';
  const abs = Math.abs(micros);
  const dollars = Math.floor(abs / 1e6).toLocaleString('en-US');
  const fraction = String(abs % 1e6)
    .padStart(6, '0')
    .replace(/0{1,4}$/, '');
  return `${sign}$${dollars}.${fraction.padEnd(2, '0')}`;
}

/** `42s`, `1m 05s`, `2h 03m`, `1d 04h`. */
export function formatDuration(seconds: number): string {
  const total = Number.isFinite(seconds) ? Math.max(0, Math.round(seconds)) : 0;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (total < 60) return `${total}s`;
  if (total < 3600) return `${Math.floor(total / 60)}m ${pad(total % 60)}s`;
  if (total < 86_400) return `${Math.floor(total / 3600)}h ${pad(Math.floor((total % 3600) / 60))}m`;
  return `${Math.floor(total / 86_400)}d ${pad(Math.floor((total % 86_400) / 3600))}h`;
}

export type StatusJob = Pick<
  JobRecord,
  'state' | 'progress' | 'error' | 'reservedMicros' | 'chargedMicros' | 'createdAt' | 'finishedAt'
>;

export interface StatusLineOptions {
  /** The job's place in GenHub's own queue, when the front end knows it. */
  queuePosition?: number;
}

/** One line saying where a job is, for the status message edited in place. */
export function jobStatusLine(job: StatusJob, options: StatusLineOptions = {}): string {
  const progress = job.progress ?? {};
  switch (job.state) {
    case 'queued': {
      const position = options.queuePosition ?? progress.queuePosition;
      return position !== undefined && position > 0 ? `Queued: #${position} in line.` : 'Queued.';
    }
    case 'submitting':
      return 'Sending to the provider...';
    case 'running': {
      const eta =
        progress.etaSeconds !== undefined && progress.etaSeconds > 0
          ? `, about ${formatDuration(progress.etaSeconds)} left`
          : '';
      if (progress.percent !== undefined) return `Running ${progressBar(progress.percent)}${eta}.`;
      if (progress.queuePosition !== undefined && progress.queuePosition > 0) {
        return `Waiting at the provider: #${progress.queuePosition} in line${eta}.`;
      }
      return `Running${eta}...`;
    }
    case 'downloading':
      return 'Fetching the results...';
    case 'succeeded': {
      const took =
        job.finishedAt !== null ? ` in ${formatDuration((job.finishedAt - job.createdAt) / 1000)}` : '';
      const cost = job.chargedMicros !== null ? ` for ${formatUsd({ micros: job.chargedMicros })}` : '';
      return `Done${took}${cost}.`;
    }
    case 'failed':
      return `Failed: ${userMessage(job.error)}${refundNote(job)}`;
    case 'cancelled':
      return `Cancelled.${refundNote(job)}`;
    case 'timed_out':
      return `Timed out: the provider took too long.${refundNote(job)}`;
  }
}

/** " You were not charged." once a reservation was refunded in full; " You were charged $x." otherwise. */
function refundNote(job: StatusJob): string {
  if (job.chargedMicros === null || job.reservedMicros === 0) return '';
  if (job.chargedMicros === 0) return ' You were not charged.';
  return ` You were charged ${formatUsd({ micros: job.chargedMicros })}.`;
}
