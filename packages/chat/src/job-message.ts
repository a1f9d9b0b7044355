import { currentModel, formatBytes, type JobRecord, TERMINAL_STATES, type Warning } from '@genhub/core';
import { encodeButtonId } from './button-id.js';
import type { ChatButton, ChatMessage } from './chat-message.js';
import { type DeliveryPlan, describeLinks } from './delivery-plan.js';
import { formatUsd, jobStatusLine } from './render.js';

const PROMPT_PREVIEW = 180;

/** The first line of every message about a job: what was asked, of which model, by its id. */
export function jobHeadline(job: JobRecord): string {
  const prompt = typeof job.params.prompt === 'string' ? job.params.prompt.replace(/\s+/g, ' ').trim() : '';
  const shown = prompt.length > PROMPT_PREVIEW ? `${prompt.slice(0, PROMPT_PREVIEW - 1)}…` : prompt;
  return `${shown === '' ? job.task : `"${shown}"`} · ${currentModel(job)} · job ${job.id}`;
}

/** The status message, edited in place while the job runs; a Cancel button while it can be cancelled. */
export function jobStatusMessage(job: JobRecord, queuePosition?: number): ChatMessage {
  const line = jobStatusLine(job, queuePosition === undefined ? {} : { queuePosition });
  const active = !TERMINAL_STATES.has(job.state);
  const buttons: ChatButton[][] = active
    ? [
        [
          {
            kind: 'action',
            id: encodeButtonId({ action: 'cancel', ref: job.id }),
            label: 'Cancel',
            style: 'secondary',
          },
        ],
      ]
    : [];
  return { text: `${jobHeadline(job)}\n${line}`, ...(buttons.length > 0 ? { buttons } : {}) };
}

/** The finished job: its files, links for what could not be attached, and its buttons. */
export function jobResultMessage(job: JobRecord, plan: DeliveryPlan, buttons: ChatButton[][]): ChatMessage {
  const lines = [jobHeadline(job), jobStatusLine(job)];
  if (job.warnings.length > 0) lines.push(`Note: ${job.warnings.map(warningText).join('; ')}.`);
  if (plan.links.length > 0) lines.push(...describeLinks(plan.links));
  return { text: lines.join('\n'), files: plan.files, buttons };
}

/** Everything about a job a user may want to see again: model, parameters, seed, cost, times. */
export function jobInfoMessage(job: JobRecord): ChatMessage {
  const params = Object.entries(job.params)
    .filter(([key]) => key !== 'prompt')
    .map(([key, value]) => `${key}: ${describeValue(value)}`);
  const lines = [
    jobHeadline(job),
    `State: ${job.state}. Task: ${job.task}.`,
    ...(typeof job.params.prompt === 'string' ? [`Prompt: ${job.params.prompt}`] : []),
    ...(params.length > 0 ? [`Parameters: ${params.join(', ')}`] : []),
    `Reserved ${formatUsd({ micros: job.reservedMicros })}${
      job.chargedMicros === null ? '' : `, charged ${formatUsd({ micros: job.chargedMicros })}`
    }.`,
    `Created ${new Date(job.createdAt).toISOString()}${
      job.finishedAt === null ? '' : `, finished ${new Date(job.finishedAt).toISOString()}`
    }.`,
    ...job.outputs.map(
      (output, index) => `File ${index + 1}: ${output.mediaType}, ${formatBytes(output.bytes)}.`,
    ),
  ];
  return { text: lines.join('\n'), private: true };
}

/** A warning in a few words: `width 1000 -> 1024 (step of 64)`, `negativePrompt ignored`. */
export function warningText(warning: Warning): string {
  switch (warning.type) {
    case 'adjusted':
      return `${warning.param} ${describeValue(warning.from)} -> ${describeValue(warning.to)} (${warning.reason})`;
    case 'unsupported':
      return `${warning.feature} ignored${warning.details ? ` (${warning.details})` : ''}`;
    case 'other':
      return warning.message.replace(/\.$/, '');
  }
}

/** Parameters as people read them; media inputs by kind, never their (possibly huge or signed) address. */
function describeValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(describeValue).join(' + ');
  if (typeof value === 'object' && value !== null) {
    if ('url' in value) return 'an input file';
    return JSON.stringify(value);
  }
  return String(value);
}
