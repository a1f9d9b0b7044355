import type { FollowUp, JsonObject } from '@genhub/provider';
import { ADD_AUDIO_ID, UPSCALE_ID } from './edit-models.js';

/** What a finished Ray video was made with, carried into its follow-ups. */
export interface RayVideo {
  model: string;
  prompt: string;
  aspectRatio: string;
  resolution: string;
  duration: number;
}

/**
 * The buttons under a finished Ray video, each a new Ray generation keyed to this one by its Luma id
 * (`keyframes` of `type: "generation"`): "Extend" continues it from its last frame, "Extend back"
 * makes what leads into its first frame, and "Loop back" interpolates from its end to its start, so
 * the two clips played in turn loop. Luma needs a prompt with a generation keyframe, so a video made
 * without one gets no buttons. "Upscale" asks for 4K of a 1080p video and 1080p of a smaller one;
 * "Add audio" scores it from the same prompt.
 */
export function rayFollowUps(video: RayVideo | undefined) {
  return (generationId: string): JsonObject[] => {
    if (video === undefined) return [];
    const base = {
      prompt: video.prompt,
      aspectRatio: video.aspectRatio,
      resolution: video.resolution,
      duration: video.duration,
    };
    const followUp = (label: string, keyframes: JsonObject): FollowUp => ({
      label,
      task: 'video-to-video',
      model: video.model,
      params: { ...base, ...keyframes },
    });
    const buttons = [
      followUp('Extend', { startGeneration: generationId }),
      followUp('Extend back', { endGeneration: generationId }),
      followUp('Loop back', { startGeneration: generationId, endGeneration: generationId }),
    ];
    if (video.resolution !== '4k') {
      buttons.push({
        label: 'Upscale',
        task: 'video-to-video',
        model: UPSCALE_ID,
        params: { generation: generationId, resolution: video.resolution === '1080p' ? '4k' : '1080p' },
      });
    }
    buttons.push({
      label: 'Add audio',
      task: 'video-to-video',
      model: ADD_AUDIO_ID,
      params: { generation: generationId, prompt: video.prompt },
    });
    return buttons as unknown as JsonObject[];
  };
}
