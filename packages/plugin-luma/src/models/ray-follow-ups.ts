import type { FollowUp, JsonObject } from '@genhub/provider';
import { ADD_AUDIO_ID, UPSCALE_ID } from './edit-models.js';

/** What a finished Ray video was made with, carried into its follow-ups. */
export interface RayVideo {
  model: string;
  prompt: string | undefined;
  aspectRatio: string;
  resolution: string;
  duration: number;
}

/**
 * The buttons under a finished Ray video, each a new generation made from this one by its Luma id.
 * With a prompt (Luma needs one with a generation keyframe): "Extend" continues it from its last
 * frame, "Extend back" makes what leads into its first frame, and "Loop back" interpolates from its
 * end to its start, so the two clips played in turn loop. Always: "Upscale" asks for 4K of a 1080p
 * video and 1080p of a smaller one (none for 4K), "Add audio" scores it, from its prompt if it had one.
 */
export function rayFollowUps(video: RayVideo) {
  return (generationId: string): JsonObject[] => {
    const buttons: FollowUp[] = [];
    if (video.prompt !== undefined) {
      const base = {
        prompt: video.prompt,
        aspectRatio: video.aspectRatio,
        resolution: video.resolution,
        duration: video.duration,
      };
      const keyed = (label: string, keyframes: JsonObject): FollowUp => ({
        label,
        task: 'video-to-video',
        model: video.model,
        params: { ...base, ...keyframes },
      });
      buttons.push(
        keyed('Extend', { startGeneration: generationId }),
        keyed('Extend back', { endGeneration: generationId }),
        keyed('Loop back', { startGeneration: generationId, endGeneration: generationId }),
      );
    }
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
      params: { generation: generationId, ...(video.prompt === undefined ? {} : { prompt: video.prompt }) },
    });
    return buttons as unknown as JsonObject[];
  };
}
