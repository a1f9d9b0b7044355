import type { Logger } from '@genhub/provider';
import WebSocket from 'ws';
import { z } from 'zod';

const RETRY_AFTER_MS = 30_000;

/** The socket's JSON messages this plugin reads; the others (status, executed, ...) are ignored. */
const socketMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('execution_start'), data: z.object({ prompt_id: z.string() }) }),
  z.object({
    type: z.literal('executing'),
    data: z.object({ prompt_id: z.string(), node: z.string().nullable() }),
  }),
  z.object({
    type: z.literal('progress'),
    data: z.object({ prompt_id: z.string(), value: z.number(), max: z.number() }),
  }),
]);

/** What the socket has told us about one prompt. */
export interface PromptProgress {
  /** 0 to 100, from the sampler's `progress { value, max }`. */
  percent?: number;
  /** The node running now, from `executing`. */
  node?: string;
}

/**
 * Listens to ComfyUI's `/ws?clientId=` for step progress (status, execution_start, executing,
 * progress, executed, execution_error, execution_success). Nice to have, never relied on: polling
 * `/history` decides how a prompt ends, so a lost socket or a restart only loses the percentage.
 * Node 20, which GenHub supports, has no global WebSocket, hence the `ws` package.
 */
export class ProgressSocket {
  readonly #progress = new Map<string, PromptProgress>();
  #socket: WebSocket | undefined;
  /** After a failed or closed socket, no new one before this time (epoch ms). */
  #retryAt = 0;

  constructor(
    private readonly url: string,
    private readonly headers: Readonly<Record<string, string>>,
    private readonly logger: Logger,
  ) {}

  /**
   * Opens the socket if it is not open and not refused in the last half minute; failures are logged
   * and leave polling to do the work.
   */
  connect(): void {
    if (this.#socket !== undefined || Date.now() < this.#retryAt) return;
    const socket = new WebSocket(this.url, { headers: { ...this.headers } });
    this.#socket = socket;
    socket.on('message', (data, isBinary) => {
      // Binary frames are preview images; only the JSON messages matter here.
      if (!isBinary) this.#read(data.toString());
    });
    socket.on('error', (error) =>
      this.logger.debug('ComfyUI progress socket failed', { error: error.message }),
    );
    socket.on('close', () => {
      if (this.#socket === socket) this.#socket = undefined;
      this.#retryAt = Date.now() + RETRY_AFTER_MS;
    });
  }

  /** The latest progress of a prompt, if the socket has seen any. */
  progressOf(promptId: string): PromptProgress | undefined {
    return this.#progress.get(promptId);
  }

  /** Forgets a prompt that has ended. */
  forget(promptId: string): void {
    this.#progress.delete(promptId);
  }

  close(): void {
    this.#socket?.close();
    this.#socket = undefined;
  }

  #read(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    const parsed = socketMessage.safeParse(json);
    if (!parsed.success) return;
    const message = parsed.data;
    const promptId = message.data.prompt_id;
    const current = this.#progress.get(promptId) ?? {};
    if (message.type === 'execution_start') {
      this.#progress.set(promptId, { percent: 0 });
    } else if (message.type === 'executing' && message.data.node !== null) {
      this.#progress.set(promptId, { ...current, node: message.data.node });
    } else if (message.type === 'progress' && message.data.max > 0) {
      const percent = Math.min(100, Math.round((message.data.value / message.data.max) * 100));
      this.#progress.set(promptId, { ...current, percent });
    }
  }
}
