/**
 * Reading AINative's JSON. The generation responses are documented field by field; usage records
 * only as "status, credits used, and results", so those are read leniently: the result fields may
 * sit at the top level or under `result`/`results`/`output`, the id under `id` or `usage_id`.
 */

export type Json = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(source: Json, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = source[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}

export function num(source: Json, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const value = source[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
      return Number(value);
  }
  return undefined;
}

/** A record's own fields with its nested result fields laid over them. */
export function resultFields(record: Json): Json {
  const nested = [record.result, record.results, record.output].find(isObject);
  return nested === undefined ? record : { ...record, ...nested };
}

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

/** The state a `status` string names; undefined when absent or unknown. */
export function remoteState(status: unknown): RemoteState | undefined {
  if (typeof status !== 'string') return undefined;
  return STATES[
    status
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_')
  ];
}

/** The failure text of a record or response. */
export function failureText(record: Json): string | undefined {
  const error = record.error;
  return (
    str(record, 'error_message', 'detail', 'message', 'failure_reason') ??
    (isObject(error) ? str(error, 'message', 'detail') : typeof error === 'string' ? error : undefined)
  );
}
