import { followUpsOf, type JobRecord, mediaKind, type Task } from '@genhub/core';
import { encodeButtonId } from './button-id.js';
import type { ActionButton, ChatButton, SurfaceLimits } from './chat-message.js';

/** The registry surface the buttons need: whether any model performs a task. */
export interface TaskCatalogue {
  list(filter: { task?: Task }): readonly unknown[];
}

const action = (label: string, id: string, style: ActionButton['style'] = 'secondary'): ActionButton => ({
  kind: 'action',
  id,
  label,
  style,
});

/**
 * The buttons under a finished job: the provider's own follow-ups first (Midjourney's U1-U4, V1-V4),
 * then reroll, variations, upscale and animate where a model can do them, then info and delete, and
 * report where the result was made in a community.
 * Rows are cut to the platform's limits; follow-ups that do not fit are left off.
 */
export function resultButtons(
  job: JobRecord,
  catalogue: TaskCatalogue,
  limits: Pick<SurfaceLimits, 'maxButtonsPerRow' | 'maxButtonRows'>,
): ChatButton[][] {
  const has = (task: Task) => catalogue.list({ task }).length > 0;
  const image = job.outputs.some(
    (output) => output.role === 'primary' && mediaKind(output.mediaType) === 'image',
  );
  const own: ActionButton[] = [];
  if (job.state === 'succeeded' && !isFollowUp(job))
    own.push(action('Reroll', encodeButtonId({ action: 'reroll', ref: job.id })));
  if (image && has('image-to-image'))
    own.push(action('Vary', encodeButtonId({ action: 'vary', ref: job.id })));
  if (image && has('upscale'))
    own.push(action('Upscale', encodeButtonId({ action: 'upscale', ref: job.id })));
  if (image && has('image-to-video'))
    own.push(action('Animate', encodeButtonId({ action: 'animate', ref: job.id })));
  const tail = [
    action('Info', encodeButtonId({ action: 'info', ref: job.id })),
    action('Delete', encodeButtonId({ action: 'delete', ref: job.id }), 'danger'),
    // In a community, anyone may bring a result to its admins.
    ...(job.communityId === null
      ? []
      : [action('Report', encodeButtonId({ action: 'report', ref: job.id }))]),
  ];
  const ownRows = chunk([...own, ...tail], limits.maxButtonsPerRow);
  const followRows = chunk(
    jobFollowUps(job).map((followUp, index) =>
      action(followUp.label, encodeButtonId({ action: 'followUp', ref: job.id, index }), 'primary'),
    ),
    limits.maxButtonsPerRow,
  ).slice(0, Math.max(0, limits.maxButtonRows - ownRows.length));
  return [...followRows, ...ownRows].slice(0, limits.maxButtonRows);
}

/** Every follow-up of a job's outputs, in output order, each once. */
export function jobFollowUps(job: Pick<JobRecord, 'outputs'>) {
  const seen = new Set<string>();
  return job.outputs
    .flatMap((output) => followUpsOf(output.metadata))
    .filter((followUp) => {
      const key = JSON.stringify([followUp.model, followUp.params]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** A job that pressed a provider's button: rerolling it would press it again, which is not a reroll. */
function isFollowUp(job: JobRecord): boolean {
  return typeof job.origin.followUpOf === 'string';
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += Math.max(1, size)) rows.push(items.slice(i, i + Math.max(1, size)));
  return rows;
}
