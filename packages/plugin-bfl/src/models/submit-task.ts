import type { JsonObject, SubmitResult } from '@genhub/provider';
import type { BflApi } from '../bfl-api.js';
import { mediaTypeOf } from './shared-params.js';

/** What a model sends: its endpoint, its JSON body, and the format it asked for. */
export interface TaskRequest {
  endpoint: string;
  body: JsonObject;
  format: 'jpeg' | 'png';
  signal: AbortSignal;
}

/**
 * Sends a generation to BFL and returns the pending task. The reference keeps the polling URL (the
 * regional cluster the task runs on), the media type of the result and the credits BFL charged,
 * so a poll after a restart knows all three.
 */
export async function submitTask(api: BflApi, request: TaskRequest): Promise<SubmitResult> {
  const task = await api.submit(request.endpoint, request.body, request.signal);
  const mediaType = mediaTypeOf(request.format);
  return {
    status: 'pending',
    ref: {
      id: task.id,
      data: {
        pollingUrl: task.polling_url,
        ...(mediaType === undefined ? {} : { mediaType }),
        ...(task.cost === undefined ? {} : { costCredits: task.cost }),
      },
    },
  };
}
