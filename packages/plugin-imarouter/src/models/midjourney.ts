import {
  type MediaInput,
  mediaInput,
  parseAspectRatio,
  type Task,
  vocabulary,
  type Warning,
} from '@genhub/provider';
import { z } from 'zod';
import { type ImaModel, ignored, imaModel, invalid, request, urlsOf } from '../ima-request.js';
import { MIDJOURNEY_MODEL, midjourneyAction } from '../midjourney-actions.js';
import { Deadlines } from './model-helpers.js';

const params = z
  .object({
    prompt: vocabulary.prompt
      .optional()
      .describe('What to imagine; Midjourney flags such as --stylize are kept'),
    images: vocabulary.images.min(2).max(5).optional().describe('2 to 5 images to blend'),
    aspectRatio: vocabulary.aspectRatio.optional(),
    negativePrompt: vocabulary.negativePrompt.optional().describe('Sent as --no'),
    seed: vocabulary.seed.max(4_294_967_295).optional(),
    botType: z.enum(['MID_JOURNEY', 'NIJI_JOURNEY']).optional().describe('NIJI_JOURNEY for the anime model'),
    action: z
      .string()
      .min(1)
      .optional()
      .describe('A button customId of the parent task (MJ::JOB::upsample::1::...)'),
    taskId: z.string().min(1).optional().describe('The parent Midjourney task, for a button'),
    mask: mediaInput.optional().describe('Regional edit mask as a data:image/png;base64 link'),
  })
  .superRefine((value, ctx) => {
    if ((value.action === undefined) !== (value.taskId === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [value.action === undefined ? 'action' : 'taskId'],
        message: 'A button needs both action (its customId) and taskId (the parent task).',
      });
      return;
    }
    if (value.action !== undefined) {
      const action = midjourneyAction(value.action);
      if (action === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['action'],
          message: `GenHub cannot press the Midjourney button ${value.action}.`,
        });
        return;
      }
      if (value.images !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['images'], message: 'A button takes no images.' });
      }
      if (action.needsPrompt && value.prompt === undefined) {
        ctx.addIssue({ code: 'custom', path: ['prompt'], message: 'This button needs a prompt.' });
      }
      if (value.mask !== undefined && action.endpoint !== 'modal') {
        ctx.addIssue({
          code: 'custom',
          path: ['mask'],
          message: 'A mask goes with Vary (Region) or Remix only.',
        });
      }
      return;
    }
    if (value.mask !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['mask'],
        message: 'A mask goes with Vary (Region) or Remix only.',
      });
    }
    if (value.images === undefined && value.prompt === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['prompt'],
        message: 'Give a prompt, 2 to 5 images to blend, or a button (action and taskId).',
      });
    }
  });

type MidjourneyParams = z.output<typeof params>;

/** Imagine's prompt with the shared parameters turned into Midjourney flags. */
function imaginePrompt(p: MidjourneyParams, warnings: Warning[]): string {
  let prompt = p.prompt ?? '';
  const flag = (param: string, pattern: RegExp, text: string) => {
    if (pattern.test(prompt)) {
      warnings.push(ignored(param, `The prompt already sets ${text.split(' ')[0]}; ${param} was not added.`));
    } else {
      prompt = `${prompt} ${text}`;
    }
  };
  if (p.aspectRatio !== undefined) flag('aspectRatio', /--(ar|aspect)\s/, `--ar ${p.aspectRatio}`);
  if (p.negativePrompt !== undefined) flag('negativePrompt', /--no\s/, `--no ${p.negativePrompt}`);
  if (p.seed !== undefined) flag('seed', /--seed\s/, `--seed ${p.seed}`);
  return prompt.trim();
}

function dimensions(aspectRatio: string | undefined): string | undefined {
  if (aspectRatio === undefined) return undefined;
  const ratio = parseAspectRatio(aspectRatio);
  return ratio > 1.05 ? 'LANDSCAPE' : ratio < 0.95 ? 'PORTRAIT' : 'SQUARE';
}

function maskData(mask: MediaInput | undefined): string | undefined {
  if (mask === undefined) return undefined;
  if (!mask.url.startsWith('data:image/')) {
    throw invalid('mask', 'Send the Midjourney mask as a data:image/png;base64 link.');
  }
  return mask.url;
}

function build(task: Task, p: MidjourneyParams) {
  const warnings: Warning[] = [];
  if (p.action !== undefined && p.taskId !== undefined) {
    const action = midjourneyAction(p.action);
    if (action === undefined)
      throw invalid('action', `GenHub cannot press the Midjourney button ${p.action}.`);
    if (task === 'upscale' && action.task !== 'upscale') {
      throw invalid('action', `${p.action} is not an upscale; ask for ${action.task} instead.`);
    }
    for (const [param, value] of Object.entries({
      aspectRatio: p.aspectRatio,
      negativePrompt: p.negativePrompt,
      seed: p.seed,
      botType: p.botType,
    })) {
      if (value !== undefined)
        warnings.push(ignored(param, 'A Midjourney button keeps the parent task’s settings.'));
    }
    const common = { taskId: p.taskId, customId: p.action, prompt: p.prompt };
    return action.endpoint === 'modal'
      ? request(
          'POST /mj/submit/modal',
          { model: action.model, ...common, maskBase64: maskData(p.mask) },
          { poll: 'midjourney', created: 'midjourney', warnings },
        )
      : request(
          'POST /mj/submit/change',
          { model: action.model, ...common },
          { poll: 'midjourney', created: 'midjourney', warnings },
        );
  }
  if (task === 'upscale') {
    throw invalid(
      'action',
      'A Midjourney upscale presses an upscale button: give action (U1...) and taskId.',
    );
  }
  if (p.images !== undefined) {
    if (p.prompt !== undefined) {
      if (p.aspectRatio !== undefined) {
        warnings.push(
          ignored('aspectRatio', 'A blend with a prompt (POST /mj/submit/blend) takes no dimensions.'),
        );
      }
      return request(
        'POST /mj/submit/blend',
        { base64Array: urlsOf(p.images), prompt: p.prompt },
        { poll: 'midjourney', created: 'midjourney', warnings },
      );
    }
    return request(
      'POST /mj/submit/imagine',
      {
        model: 'mj_blend',
        base64Array: urlsOf(p.images),
        dimensions: dimensions(p.aspectRatio),
        botType: p.botType,
      },
      { poll: 'midjourney', created: 'midjourney', warnings },
    );
  }
  return request(
    'POST /mj/submit/imagine',
    { model: 'mj_imagine', prompt: imaginePrompt(p, warnings), botType: p.botType },
    { poll: 'midjourney', created: 'midjourney', warnings },
  );
}

/** Midjourney: imagine, blend, and every button of a finished task as a follow-up request. */
export function midjourneyModels(): ImaModel[] {
  return [
    imaModel({
      remote: 'midjourney',
      family: 'Midjourney',
      spec: {
        id: MIDJOURNEY_MODEL,
        name: 'Midjourney',
        aliases: ['mj', 'niji'],
        description:
          'Midjourney through imarouter. Imagine from a prompt, blend 2-5 images, or press a button of a ' +
          'finished task (upscale, vary, reroll, zoom, pan, remix, vary region) with { action, taskId }; ' +
          'each result carries its buttons in metadata.midjourney.',
        tasks: ['text-to-image', 'image-to-image', 'upscale'],
        output: 'image',
        params,
        limits: { maxInputImages: 5 },
        promptFlags: true,
        estimatePrice: (p) => {
          const action = p.action === undefined ? undefined : midjourneyAction(p.action);
          return { usd: action?.task === 'upscale' ? 0.02 : 0.05, approximate: true };
        },
        timeouts: { deadlineMs: Deadlines.midjourney },
        example: { prompt: 'A cinematic portrait of a fox in an autumn forest', aspectRatio: '16:9' },
      },
      build,
    }),
  ];
}
