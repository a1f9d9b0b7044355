import type { ChatMessage, ChatMessageHandle } from './chat-message.js';

/**
 * Edits one message no more often than `intervalMs`: the newest update wins, updates equal to what
 * is shown are skipped, and `final` always lands (after any edit in flight). Edit failures are
 * reported to `onError` and never stop the job.
 */
export class StatusPacer {
  #shown = '';
  #lastEditAt = Number.NEGATIVE_INFINITY;
  #pending: ChatMessage | undefined;
  #timer: NodeJS.Timeout | undefined;
  #chain: Promise<void> = Promise.resolve();
  #finished = false;

  constructor(
    private readonly handle: ChatMessageHandle,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  /** Shows `message` now if the last edit was long enough ago, else once it is (unless a newer one comes). */
  update(message: ChatMessage): void {
    if (this.#finished) return;
    this.#pending = message;
    if (this.#timer) return;
    const wait = this.#lastEditAt + this.intervalMs - this.now();
    if (wait <= 0) this.#flush();
    else this.#timer = setTimeout(() => this.#flush(), wait);
  }

  /**
   * The last edit: waits for the pacing gap, then shows `message`, whatever was pending. True when
   * that edit succeeded. May be called again (a fallback message) after a failure.
   */
  async final(message: ChatMessage): Promise<boolean> {
    this.#finished = true;
    this.#pending = undefined;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const wait = this.#lastEditAt + this.intervalMs - this.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    let ok = false;
    this.#enqueue(message, true, () => {
      ok = true;
    });
    await this.#chain;
    return ok;
  }

  /** Stops without a last edit (shutting down). */
  stop(): void {
    this.#finished = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #flush(): void {
    this.#timer = undefined;
    const message = this.#pending;
    this.#pending = undefined;
    if (message && !this.#finished) this.#enqueue(message, false);
  }

  #enqueue(message: ChatMessage, force: boolean, onDone?: () => void): void {
    const key = fingerprint(message);
    if (!force && key === this.#shown) return;
    this.#lastEditAt = this.now();
    this.#chain = this.#chain.then(async () => {
      try {
        await this.handle.edit(message);
        onDone?.();
        this.#shown = key;
        this.#lastEditAt = this.now();
      } catch (error) {
        this.onError(error);
      }
    });
  }
}

function fingerprint(message: ChatMessage): string {
  return JSON.stringify([message.text, message.buttons ?? [], (message.files ?? []).map((f) => f.name)]);
}
