import { GenHubError, type MediaInput, type Task } from '@genhub/provider';
import type { VeoParams } from '../models/veo-params.js';

/** The images of a Veo request, by the role the API gives them. */
export interface VeoInputs {
  firstFrame?: MediaInput;
  lastFrame?: MediaInput;
  references?: MediaInput[];
}

/** The parameters only some Veo models take. */
interface ImageParams {
  lastFrame?: MediaInput;
  images?: MediaInput[];
}

const refuse = (param: string, sentence: string) =>
  new GenHubError('INVALID_INPUT', sentence, { retryable: false, details: { param } });

/**
 * What the request's images are. For image-to-video, `images` are the frames (the first, then the
 * last), as chat sends an attached image; for text-to-video they are reference images, which the docs
 * allow only alone, in an 8-second 16:9 video. Throws INVALID_INPUT naming the parameter, before any
 * request is sent.
 */
export function veoInputs(params: VeoParams, task: Task): VeoInputs {
  const { lastFrame, images } = params as ImageParams;
  if (task === 'image-to-video') {
    if (images !== undefined && images.length > 2) {
      throw refuse(
        'images',
        'Image-to-video takes at most two images (images): the first and the last frame.',
      );
    }
    const first = params.firstFrame ?? images?.[0];
    const last = lastFrame ?? (params.firstFrame === undefined ? images?.[1] : images?.[0]);
    if (first === undefined) {
      throw refuse('firstFrame', 'Image-to-video needs a first frame (firstFrame or images).');
    }
    return { firstFrame: first, ...(last === undefined ? {} : { lastFrame: last }) };
  }
  if (images === undefined) {
    return {
      ...(params.firstFrame === undefined ? {} : { firstFrame: params.firstFrame }),
      ...(lastFrame === undefined ? {} : { lastFrame }),
    };
  }
  if (params.firstFrame !== undefined || lastFrame !== undefined) {
    throw refuse('images', 'Reference images (images) cannot be combined with a first or last frame.');
  }
  if (params.duration !== 8)
    throw refuse('duration', 'Reference images need an 8-second video (duration 8).');
  if (params.aspectRatio !== '16:9')
    throw refuse('aspectRatio', 'Reference images need a 16:9 video (aspectRatio).');
  return { references: images };
}
