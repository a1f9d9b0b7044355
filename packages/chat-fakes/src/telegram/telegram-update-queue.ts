import { TelegramApiError, TelegramErrors, TelegramLimits } from './telegram-errors.js';
import type { TgUpdate } from './telegram-types.js';

/**
 * The bot's update queue with getUpdates' semantics: an update stays queued until a later call's
 * `offset` passes it (a negative offset keeps only that many of the newest), `limit` caps a batch,
 * `timeout` holds the call open until an update arrives, and a second call while one is held
 * answers the first with 409, as the real server does. `allowed_updates` sticks between calls and
 * decides which updates are queued at all.
 */

/** Every update kind but these is delivered when `allowed_updates` is empty or was never given. */
const NOT_BY_DEFAULT = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

export interface PollRequest {
  offset: number;
  limit: number;
  /** Seconds. */
  timeout: number;
  allowedUpdates?: readonly string[];
}

interface Waiter {
  limit: number;
  timer: NodeJS.Timeout;
  finish(result: TgUpdate[] | TelegramApiError): void;
}

/** The kind of an update: its one field besides `update_id`. */
export function updateKind(update: TgUpdate): string {
  return Object.keys(update).find((key) => key !== 'update_id') ?? 'unknown';
}

export class TelegramUpdateQueue {
  private queue: TgUpdate[] = [];
  private nextId: number;
  private allowed: ReadonlySet<string> | undefined;
  private waiter: Waiter | undefined;
  private wake: NodeJS.Immediate | undefined;
  private closed = false;
  /** Called after an update is queued (the webhook sender listens). */
  onQueued: (() => void) | undefined;

  constructor(firstUpdateId: number) {
    this.nextId = firstUpdateId;
  }

  /** Queues an update, giving it the next `update_id` unless it has one; answers that id. */
  push(update: Omit<TgUpdate, 'update_id'> & { update_id?: number }): { update: TgUpdate; queued: boolean } {
    const id = update.update_id ?? this.nextId;
    this.nextId = Math.max(this.nextId, id + 1);
    const full = { ...update, update_id: id } as TgUpdate;
    const queued = this.isAllowed(updateKind(full));
    if (queued) {
      this.queue.push(full);
      this.scheduleWake();
      this.onQueued?.();
    }
    return { update: full, queued };
  }

  /** Updates not yet confirmed, oldest first. */
  pending(): TgUpdate[] {
    return [...this.queue];
  }

  /** Forgets every queued update (`drop_pending_updates`). */
  dropPending(): void {
    this.queue = [];
  }

  /** Removes one delivered update (webhook delivery confirms one at a time). */
  remove(updateId: number): void {
    this.queue = this.queue.filter((update) => update.update_id !== updateId);
  }

  setAllowedUpdates(kinds: readonly string[] | undefined): void {
    if (kinds === undefined) return;
    this.allowed = kinds.length === 0 ? undefined : new Set(kinds);
  }

  allowedUpdates(): string[] | undefined {
    return this.allowed ? [...this.allowed] : undefined;
  }

  /**
   * Answers a getUpdates call: at once when updates wait, else when one comes or time runs out.
   * Aborting `signal` (the client went away) lets the call go without handing it anything.
   */
  poll(request: PollRequest, signal?: AbortSignal): Promise<TgUpdate[] | TelegramApiError> {
    this.setAllowedUpdates(request.allowedUpdates);
    this.confirm(request.offset);
    this.terminate(new TelegramApiError(409, TelegramErrors.terminatedByGetUpdates));
    const limit = Math.min(Math.max(request.limit, 1), TelegramLimits.maxUpdatesLimit);
    const ready = this.queue.slice(0, limit);
    const timeout = Math.min(Math.max(request.timeout, 0), TelegramLimits.maxPollTimeoutSeconds);
    if (ready.length > 0 || timeout === 0 || this.closed || signal?.aborted) return Promise.resolve(ready);
    return new Promise((resolve) => {
      const onAbort = () => waiter.finish([]);
      const waiter: Waiter = {
        limit,
        timer: setTimeout(() => waiter.finish(this.queue.slice(0, limit)), timeout * 1000),
        finish: (result) => {
          clearTimeout(waiter.timer);
          signal?.removeEventListener('abort', onAbort);
          if (this.waiter === waiter) this.waiter = undefined;
          resolve(result);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiter = waiter;
    });
  }

  /** The next update id, for an update sent straight to a webhook without queuing it. */
  allocateId(): number {
    const id = this.nextId;
    this.nextId += 1;
    return id;
  }

  /** Ends a held getUpdates with an error (another getUpdates, or setWebhook). */
  terminate(error: TelegramApiError): void {
    this.waiter?.finish(error);
  }

  /** Answers a held getUpdates with nothing and refuses to hold any more. */
  close(): void {
    this.closed = true;
    if (this.wake) clearImmediate(this.wake);
    this.waiter?.finish([]);
  }

  get holding(): boolean {
    return this.waiter !== undefined;
  }

  private confirm(offset: number): void {
    if (offset > 0) this.queue = this.queue.filter((update) => update.update_id >= offset);
    else if (offset < 0) this.queue = this.queue.slice(offset);
  }

  private isAllowed(kind: string): boolean {
    return this.allowed ? this.allowed.has(kind) : !NOT_BY_DEFAULT.has(kind);
  }

  /** Wakes a held call on the next turn, so updates pushed together arrive in one batch. */
  private scheduleWake(): void {
    if (this.wake || !this.waiter) return;
    this.wake = setImmediate(() => {
      this.wake = undefined;
      const waiter = this.waiter;
      if (waiter && this.queue.length > 0) waiter.finish(this.queue.slice(0, waiter.limit));
    });
  }
}
