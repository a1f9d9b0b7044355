import type {
  FollowUp,
  Output,
  OutputMetadata,
  PollResult,
  Price,
  Redactor,
  Warning,
} from '@genhub/provider';
import { GenHubError } from '@genhub/provider';
import { DefaultGoogleOptions } from '../config.js';
import type { ExtendRequest } from '../models/veo-model.js';
import { operationFailure, PROVIDER } from './errors.js';
import type { VeoOperation } from './operation.js';
import type { VideoDownload } from './veo-transport.js';

export interface PollContext {
  /** The videos the request asked for, to see how many the safety filters removed. */
  requested: number;
  /** The estimated price of the whole request; a partly filtered request pays for what it got. */
  estimate: Price;
  /** Turns a video link into what core downloads (the key header for the API's own files). */
  download(uri: string): VideoDownload;
  redactor: Redactor;
  /** When the videos can be extended: the request an Extend button repeats with the video's link. */
  extend?: ExtendRequest;
}

/** The Extend button of a video Veo can extend: the same request, with this video to extend. */
function extendFollowUps(uri: string, context: PollContext): { metadata?: OutputMetadata } {
  if (context.extend === undefined) return {};
  const { model, prompt, aspectRatio } = context.extend;
  const followUp: FollowUp = {
    label: 'Extend 7 s',
    task: 'video-to-video',
    model,
    params: { prompt, aspectRatio, extendVideo: uri },
  };
  return { metadata: { followUps: [{ ...followUp }] } };
}

/**
 * A Veo operation as GenHub's poll result. The API reports no progress, queue position or cost, so a
 * running operation is pending with the docs' poll interval, and the charge is the estimate for the
 * videos delivered.
 * Finished, it has videos, or an error, or only videos its safety filters removed (a refusal).
 */
export function pollResult(operation: VeoOperation, context: PollContext): PollResult {
  if (operation.done !== true) return { status: 'pending', pollAfterMs: DefaultGoogleOptions.pollIntervalMs };
  const summary = `Veo could not make the video (operation ${operation.name})`;
  if (operation.error !== undefined) {
    return {
      status: 'failed',
      error: operationFailure(
        {
          summary,
          ...(operation.error.message === undefined ? {} : { words: operation.error.message }),
          ...(operation.error.code === undefined ? {} : { providerCode: String(operation.error.code) }),
          details: { operation: operation.name },
        },
        { redactor: context.redactor },
      ),
    };
  }
  const response = operation.response?.generateVideoResponse;
  const outputs = (response?.generatedSamples ?? []).flatMap((sample): Output[] => {
    const video = sample.video;
    if (video?.uri !== undefined) {
      return [
        {
          kind: 'url',
          ...context.download(video.uri),
          mediaType: 'video/mp4',
          ...extendFollowUps(video.uri, context),
        },
      ];
    }
    if (video?.encodedVideo !== undefined) {
      const data = Buffer.from(video.encodedVideo, 'base64');
      return [{ kind: 'bytes', data, mediaType: video.encoding ?? 'video/mp4' }];
    }
    return [];
  });
  const filtered = response?.raiMediaFilteredCount ?? 0;
  const reasons = response?.raiMediaFilteredReasons?.join(' ');
  if (outputs.length === 0) {
    if (filtered > 0 || reasons !== undefined) {
      return {
        status: 'failed',
        error: operationFailure(
          {
            summary: 'Veo refused to make this video',
            words: reasons ?? 'The videos were removed by the safety filters (raiMediaFiltered).',
            providerCode: 'raiMediaFiltered',
            details: { operation: operation.name },
          },
          { redactor: context.redactor },
        ),
      };
    }
    return {
      status: 'failed',
      error: new GenHubError('PROVIDER_UNAVAILABLE', `${summary}: it finished without a video.`, {
        provider: PROVIDER,
        retryable: false,
        details: { operation: operation.name },
      }),
    };
  }
  const warnings: Warning[] =
    outputs.length < context.requested
      ? [
          {
            type: 'other',
            message: `Veo delivered ${outputs.length} of ${context.requested} videos; its safety filters removed the rest${reasons === undefined ? '' : ` (${reasons})`}.`,
          },
        ]
      : [];
  const share = Math.min(1, outputs.length / Math.max(1, context.requested));
  return {
    status: 'succeeded',
    outputs,
    cost: { usd: context.estimate.usd * share, approximate: true },
    ...(warnings.length === 0 ? {} : { warnings }),
  };
}
