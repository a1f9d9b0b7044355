import { GenHubError, type MediaInput, type ModelSpec, type Task } from '@genhub/core';

/** The files a user gives a generation, by what they are. */
export interface InputMedia {
  /** In order: first frame, last frame, then references, as the model declares them. */
  images?: readonly MediaInput[] | undefined;
  mask?: MediaInput | undefined;
  video?: MediaInput | undefined;
  audio?: MediaInput | undefined;
}

/**
 * Puts the user's files into the parameters the model declares: for a video task, images fill
 * `firstFrame`, then `lastFrame`, then `images`; otherwise `images`, or `firstFrame` for a model
 * without `images`. A file the model has no place for is refused with one sentence naming it.
 */
export function inputMediaParams(model: ModelSpec, task: Task, media: InputMedia): Record<string, unknown> {
  const shape = paramShape(model);
  const declares = (name: string) => name in shape;
  const params: Record<string, unknown> = {};
  const images = [...(media.images ?? [])];
  const framesFirst = task.endsWith('-to-video') || !declares('images');
  if (framesFirst && declares('firstFrame') && images.length > 0) params.firstFrame = images.shift();
  if (framesFirst && declares('lastFrame') && params.firstFrame !== undefined && images.length > 0) {
    params.lastFrame = images.shift();
  }
  if (images.length > 0) {
    if (!declares('images')) {
      const taken = (media.images?.length ?? 0) - images.length;
      throw refusal(
        'images',
        `${model.id} takes ${taken === 0 ? 'no' : `at most ${taken}`} input image${taken === 1 ? '' : 's'}.`,
      );
    }
    params.images = images;
  }
  const single: Array<[keyof InputMedia, string, string]> = [
    ['mask', 'mask', 'a mask'],
    ['video', 'referenceVideo', 'an input video'],
    ['audio', 'referenceAudio', 'an input audio file'],
  ];
  for (const [key, param, what] of single) {
    const input = media[key] as MediaInput | undefined;
    if (input === undefined) continue;
    if (!declares(param)) throw refusal(param, `${model.id} takes no ${what.replace(/^an? /, '')}.`);
    params[param] = input;
  }
  return params;
}

function refusal(param: string, message: string): GenHubError {
  return new GenHubError('INVALID_INPUT', message, { details: { param } });
}

function paramShape(model: ModelSpec): Record<string, unknown> {
  return (model.params as { shape?: Record<string, unknown> }).shape ?? {};
}
