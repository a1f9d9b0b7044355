import { lenient, looseNumber, nonBlank } from '@genhub/provider';
import { z } from 'zod';

/**
 * Reading AINative's JSON. The generation responses are documented field by field; usage records
 * only as "status, credits used, and results", so those are read leniently: each field is kept
 * when it fits and dropped when not, the result fields may sit at the top level or under
 * `result`/`results`/`output`, the id under `id` or `usage_id`, numbers may come as strings.
 */

export type RemoteState = 'pending' | 'succeeded' | 'failed' | 'cancelled';

const STATES: Readonly<Record<string, RemoteState>> = {
  pending: 'pending',
  queued: 'pending',
  submitted: 'pending',
  started: 'pending',
  processing: 'pending',
  running: 'pending',
  in_progress: 'pending',
  generating: 'pending',
  completed: 'succeeded',
  complete: 'succeeded',
  succeeded: 'succeeded',
  success: 'succeeded',
  done: 'succeeded',
  finished: 'succeeded',
  failed: 'failed',
  failure: 'failed',
  error: 'failed',
  errored: 'failed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
};

/** The state a `status` names; undefined when absent or unknown. */
function stateOf(status: string | undefined): RemoteState | undefined {
  return status === undefined
    ? undefined
    : STATES[
        status
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, '_')
      ];
}

const text = lenient(nonBlank);
const number = lenient(looseNumber);

/** The fields of a generation's answer or usage record that the plugin reads. */
const resultFields = z.object({
  status: lenient(z.string()),
  usage_id: text,
  id: text,
  credits_used: number,
  credits_remaining: number,
  progress: number,
  progress_percent: number,
  audio_base64: text,
  image_base64: text,
  video_url: text,
  format: text,
  width: number,
  height: number,
  duration_ms: number,
  duration_seconds: number,
});

export type ResultFields = z.output<typeof resultFields>;

/** A failure's own words: `error_message`, `detail`, `message`, `failure_reason` or `error`. */
const failureWords = z
  .object({
    error_message: text,
    detail: text,
    message: text,
    failure_reason: text,
    error: lenient(
      z.union([nonBlank, z.object({ message: text, detail: text }).transform((e) => e.message ?? e.detail)]),
    ),
  })
  .transform((r) => r.error_message ?? r.detail ?? r.message ?? r.failure_reason ?? r.error);

/** One JSON object's fields, with the state its status names and the words of its failure. */
export const answerFields = z.looseObject({}).transform((raw) => {
  const fields = resultFields.parse(raw);
  return { ...fields, state: stateOf(fields.status), failure: failureWords.parse(raw) };
});

export type AnswerFields = z.output<typeof answerFields>;

/** Whichever of `result`, `results` and `output` is an object. */
const nestedResult = z
  .object({
    result: lenient(z.looseObject({})),
    results: lenient(z.looseObject({})),
    output: lenient(z.looseObject({})),
  })
  .transform((nested) => nested.result ?? nested.results ?? nested.output ?? {});

/**
 * A JSON object AINative answered: `record`, its own fields (status, usage id, credits), and
 * `result`, the same with the nested result fields laid over them (the media, its format).
 */
export const aiNativeAnswer = z.looseObject({}).transform((body) => ({
  record: answerFields.parse(body),
  result: answerFields.parse({ ...body, ...nestedResult.parse(body) }),
}));

export type AiNativeAnswer = z.output<typeof aiNativeAnswer>;
