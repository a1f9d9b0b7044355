import type { GenHubError } from '../errors/genhub-error.js';
import type { JsonValue } from './json.js';
import type { ModelSpec, Price } from './model-spec.js';
import type { Task } from './tasks.js';
import type { Warning } from './warning.js';

/** A generation as the provider receives it: parameters already validated and snapped by core. */
export interface GenerationRequest {
  /** The model's full id, `provider/model`. */
  model: string;
  task: Task;
  params: Readonly<Record<string, unknown>>;
}

/**
 * A provider's handle on a running task. Opaque to core, but JSON-serialisable: core persists it
 * and hands it back to `poll` and `cancel`, possibly in another process after a restart.
 */
export interface TaskRef {
  id: string;
  data?: JsonValue;
}

/** One produced file. Core downloads URLs at once (providers expire them); plugins never write files. */
export type Output =
  | {
      kind: 'url';
      url: string;
      /**
       * Request headers the download needs (an API key header). Sent to the link's own origin only,
       * never after a redirect to another origin, and never stored or logged.
       */
      headers?: Readonly<Record<string, string>>;
      mediaType?: string;
      role?: OutputRole;
      name?: string;
      metadata?: OutputMetadata;
    }
  | {
      kind: 'bytes';
      data: Uint8Array;
      mediaType: string;
      role?: OutputRole;
      name?: string;
      metadata?: OutputMetadata;
    };

/** `primary` is the result; a `preview` (a 3D model's thumbnail, say) accompanies it. */
export type OutputRole = 'primary' | 'preview';

/** Facts about one output worth keeping: a song's title and lyrics, a seed, a duration. */
export type OutputMetadata = Readonly<Record<string, JsonValue>>;

export interface Progress {
  /** 0 to 100. */
  percent?: number;
  queuePosition?: number;
  etaSeconds?: number;
}

export type SubmitResult =
  | { status: 'succeeded'; outputs: Output[]; cost?: Price; warnings?: Warning[] }
  | { status: 'pending'; ref: TaskRef; progress?: Progress; cost?: Price; warnings?: Warning[] };

export type PollResult =
  | ({ status: 'pending' /** The provider's hint for the next poll. */; pollAfterMs?: number } & Progress)
  | { status: 'succeeded'; outputs: Output[]; cost?: Price; warnings?: Warning[] }
  | { status: 'failed'; error: GenHubError }
  | { status: 'cancelled' };

export interface CallOptions {
  signal: AbortSignal;
}

export interface SubmitOptions extends CallOptions {
  /**
   * Stable for one job across restarts. Send it where the provider accepts one, so a resubmission
   * after a crash cannot create (and bill) a second task.
   */
  idempotencyKey: string;
  /**
   * Where the provider may call back when the task ends, given when GenHub serves webhooks for this
   * provider (`GENHUB_PUBLIC_URL` set and the provider has `webhook`). Polling goes on regardless.
   */
  webhookUrl?: string;
}

/** A webhook call as it arrived, for the provider to verify. */
export interface WebhookRequest {
  /** Lower-case names. */
  headers: Readonly<Record<string, string>>;
  /** The raw body, as signed. */
  body: Uint8Array;
}

/** A provider that can call GenHub back when a task ends. */
export interface ProviderWebhook {
  /**
   * The task a genuine call is about (its signature checked), or undefined for anything else. Core
   * then polls that task's job at once, so a webhook and a poll that both see the end finish the
   * job once.
   */
  verify(request: WebhookRequest, options: CallOptions): Promise<{ taskId: string } | undefined>;
}

export interface FindSubmittedOptions extends CallOptions {
  /** The key the lost submit was sent with. */
  idempotencyKey: string;
  /** When core started sending the submit (epoch ms); a task created before it is not this one. */
  sentAt: number;
}

export interface ProviderBalance {
  /** Money left at the provider, when it reports money. */
  usd?: number;
  /** Provider credits left, when it reports credits. */
  credits?: number;
  details?: Readonly<Record<string, JsonValue>>;
}

export interface ProviderHealth {
  ok: boolean;
  message?: string;
}

/** What a provider's content check found in a text. */
export interface ModerationVerdict {
  flagged: boolean;
  /** The provider's names of the categories it was flagged for (`sexual/minors`, `violence`). */
  categories: readonly string[];
}

/** What a provider promises beyond the required calls. */
export interface ProviderCapabilities {
  /**
   * Submitting twice with the same idempotency key creates one task. Core then resumes a job caught
   * mid-submit by a crash by submitting again; without it, such a job is refunded, never resubmitted.
   */
  idempotentSubmit?: boolean;
}

/** What a plugin's `setup` returns. Optional methods are absent when the API has no such call. */
export interface Provider {
  capabilities?: ProviderCapabilities;
  /**
   * Origins of the provider's own servers that GenHub may download results from although they are
   * on this machine or a private network (a self-hosted ComfyUI, a local GPU worker): the SSRF guard
   * trusts these origins exactly, nothing else on those networks.
   */
  trustedOrigins?: readonly string[];
  models(options: CallOptions): Promise<readonly ModelSpec[]> | readonly ModelSpec[];
  submit(request: GenerationRequest, options: SubmitOptions): Promise<SubmitResult>;
  poll(ref: TaskRef, options: CallOptions): Promise<PollResult>;
  /**
   * Asks the provider which of its tasks may have been created by a submit whose answer was lost
   * (a reset, a timeout, a 5xx or unreadable answer after the request was sent). Returns every task
   * that may be it; core excludes the ones other jobs own and adopts the task only when exactly one
   * is left. Absent where the API cannot tell: such a job is then failed and refunded, never
   * submitted twice.
   */
  findSubmitted?(request: GenerationRequest, options: FindSubmittedOptions): Promise<readonly TaskRef[]>;
  cancel?(ref: TaskRef, options: CallOptions): Promise<void>;
  balance?(options: CallOptions): Promise<ProviderBalance>;
  health?(options: CallOptions): Promise<ProviderHealth>;
  /**
   * Checks a text (a prompt) against the provider's content policy, where the API has such a check
   * (OpenAI's moderation endpoint). Core asks it before any price when the operator names this
   * provider in `safety.moderationProvider`.
   */
  moderate?(text: string, options: CallOptions): Promise<ModerationVerdict>;
  webhook?: ProviderWebhook;
  /** Releases sockets and timers. */
  close?(): Promise<void>;
}
