import type { Insertable, Selectable, Updateable } from 'kysely';
import type { JobRecord } from '../jobs/job.js';
import type { JobsTable } from './database-schema.js';
import type { JobPatch } from './job-store.js';

/*
 * The one place a JobRecord becomes a `jobs` row and back. JSON-shaped fields are stored as TEXT
 * written here with JSON.stringify (so SQLite and PostgreSQL store the same thing); BIGINT columns are
 * read back through Number() because PostgreSQL drivers may return them as strings.
 */

export type JobRow = Selectable<JobsTable>;
export type NewJobRow = Insertable<JobsTable>;
export type JobRowPatch = Updateable<JobsTable>;

const json = (value: unknown): string => JSON.stringify(value);
const jsonOrNull = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));
const parse = <T>(text: string): T => JSON.parse(text) as T;
const parseOrNull = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));
const int = (value: number | string | bigint): number => Number(value);
const intOrNull = (value: number | string | bigint | null): number | null =>
  value === null ? null : Number(value);

export function toRow(job: JobRecord): NewJobRow {
  return {
    id: job.id,
    user_id: job.userId,
    community_id: job.communityId,
    payer_kind: job.payer.kind,
    payer_id: job.payer.id,
    requested_model: job.requestedModel,
    route: json(job.route),
    route_index: job.routeIndex,
    task: job.task,
    params: json(job.params),
    warnings: json(job.warnings),
    state: job.state,
    idempotency_key: job.idempotencyKey,
    remote_ref: jsonOrNull(job.remoteRef),
    remote_task_id: job.remoteRef?.id ?? null,
    progress: jsonOrNull(job.progress),
    reserved_micros: job.reservedMicros,
    charged_micros: job.chargedMicros,
    outputs: json(job.outputs),
    error: jsonOrNull(job.error),
    origin: json(job.origin),
    created_at: job.createdAt,
    updated_at: job.updatedAt,
    submitted_at: job.submittedAt,
    finished_at: job.finishedAt,
    deadline_at: job.deadlineAt,
  };
}

export function fromRow(row: JobRow): JobRecord {
  return {
    id: row.id,
    userId: row.user_id,
    communityId: row.community_id,
    payer: { kind: row.payer_kind, id: row.payer_id },
    requestedModel: row.requested_model,
    route: parse(row.route),
    routeIndex: Number(row.route_index),
    task: row.task as JobRecord['task'],
    params: parse(row.params),
    warnings: parse(row.warnings),
    state: row.state,
    idempotencyKey: row.idempotency_key,
    remoteRef: parseOrNull(row.remote_ref),
    progress: parseOrNull(row.progress),
    reservedMicros: int(row.reserved_micros),
    chargedMicros: intOrNull(row.charged_micros),
    outputs: parse(row.outputs),
    error: parseOrNull(row.error),
    origin: parse(row.origin),
    createdAt: int(row.created_at),
    updatedAt: int(row.updated_at),
    submittedAt: intOrNull(row.submitted_at),
    finishedAt: intOrNull(row.finished_at),
    deadlineAt: int(row.deadline_at),
  };
}

type PatchField = keyof Required<JobPatch>;
type Encoders = { [K in PatchField]: (value: Required<JobPatch>[K]) => JobRowPatch };

const ENCODERS: Encoders = {
  communityId: (v) => ({ community_id: v }),
  payer: (v) => ({ payer_kind: v.kind, payer_id: v.id }),
  requestedModel: (v) => ({ requested_model: v }),
  route: (v) => ({ route: json(v) }),
  routeIndex: (v) => ({ route_index: v }),
  task: (v) => ({ task: v }),
  params: (v) => ({ params: json(v) }),
  warnings: (v) => ({ warnings: json(v) }),
  state: (v) => ({ state: v }),
  idempotencyKey: (v) => ({ idempotency_key: v }),
  remoteRef: (v) => ({ remote_ref: jsonOrNull(v), remote_task_id: v?.id ?? null }),
  progress: (v) => ({ progress: jsonOrNull(v) }),
  reservedMicros: (v) => ({ reserved_micros: v }),
  chargedMicros: (v) => ({ charged_micros: v }),
  outputs: (v) => ({ outputs: json(v) }),
  error: (v) => ({ error: jsonOrNull(v) }),
  origin: (v) => ({ origin: json(v) }),
  updatedAt: (v) => ({ updated_at: v }),
  submittedAt: (v) => ({ submitted_at: v }),
  finishedAt: (v) => ({ finished_at: v }),
  deadlineAt: (v) => ({ deadline_at: v }),
};

/** The columns a patch changes. Fields set to `undefined` and unknown keys are ignored. */
export function patchToRow(patch: JobPatch): JobRowPatch {
  const row: JobRowPatch = {};
  for (const field of Object.keys(ENCODERS) as PatchField[]) {
    const value = patch[field];
    if (value !== undefined) Object.assign(row, (ENCODERS[field] as (v: unknown) => JobRowPatch)(value));
  }
  return row;
}
