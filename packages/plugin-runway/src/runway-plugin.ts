import { definePlugin, defineProvider, type FollowUp, type JsonValue } from '@genhub/provider';
import { createRunwayApi, type TaskOutput } from './api/runway-api.js';
import type { TaskShape } from './api/task.js';
import { runwaySettings } from './config.js';
import { mediaUri } from './media/media-uri.js';
import { aleph, UPSCALER_ID, videoUpscaler } from './models/edit-models.js';
import { gen4Image, gen4ImageTurbo } from './models/image-models.js';
import { gen4Turbo, gen45 } from './models/video-models.js';

/** The "Upscale" button under a Runway video: the upscaler, with the video as its input. */
function upscaleFollowUp(url: string): FollowUp {
  return {
    label: 'Upscale',
    task: 'video-to-video',
    model: UPSCALER_ID,
    params: { referenceVideo: { url } },
  };
}

const SHAPES: Readonly<Record<TaskOutput, TaskShape>> = {
  video: {
    mediaType: 'video/mp4',
    followUps: (url) => ({ followUps: [upscaleFollowUp(url) as unknown as JsonValue] }),
  },
  'upscaled-video': { mediaType: 'video/mp4' },
  image: { mediaType: 'image/png' },
};

/**
 * Runway's developer API (docs.dev.runwayml.com): Gen-4 Turbo and Gen-4.5 video, Gen-4 images, Aleph
 * video edits and Magnific upscaling, as tasks polled at `/v1/tasks/{id}`, cancelled or deleted with
 * `DELETE /v1/tasks/{id}`; the balance is the organisation's credits.
 */
export const runwayPlugin = definePlugin({
  id: 'runway',
  name: 'Runway',
  description: 'Video and images from Runway: Gen-4 Turbo, Gen-4.5, Gen-4 Image, Aleph, upscaling',
  contract: 1,
  config: runwaySettings,
  setup({ http, clock }, settings) {
    const api = createRunwayApi(http, settings, clock, (output) => SHAPES[output]);
    const deps = { api, media: mediaUri(http) };
    return defineProvider({
      models: [
        gen4Turbo(deps),
        gen45(deps),
        gen4Image(deps),
        gen4ImageTurbo(deps),
        aleph(deps),
        videoUpscaler(deps),
      ],
      poll: (ref, { signal }) => api.poll(ref, signal),
      cancel: (ref, { signal }) => api.cancel(ref, signal),
      balance: ({ signal }) => api.balance(signal),
    });
  },
});
