import type { CommandSurface } from '../chat-controller.js';
import type { ChatMessage, ChatMessageHandle, SurfaceLimits } from '../chat-message.js';

/** One message a memory surface holds, with every version it had. */
export interface MemoryMessage {
  id: number;
  versions: ChatMessage[];
  deleted: boolean;
  readonly current: ChatMessage;
}

export const TEST_LIMITS: SurfaceLimits = {
  maxUploadBytes: 8 * 1024 * 1024,
  maxFilesPerMessage: 10,
  maxTextLength: 2000,
  maxButtonsPerRow: 5,
  maxButtonRows: 5,
  editIntervalMs: 10,
};

/** A chat surface in memory: every reply and edit recorded, for tests of the chat layer. */
export class MemorySurface implements CommandSurface {
  readonly messages: MemoryMessage[] = [];
  readonly style: 'slash' | 'text';
  readonly limits: SurfaceLimits;

  constructor(options: { style?: 'slash' | 'text'; limits?: Partial<SurfaceLimits> } = {}) {
    this.style = options.style ?? 'slash';
    this.limits = { ...TEST_LIMITS, ...options.limits };
  }

  async reply(message: ChatMessage): Promise<ChatMessageHandle> {
    const record: MemoryMessage = {
      id: this.messages.length + 1,
      versions: [message],
      deleted: false,
      get current() {
        return this.versions.at(-1) as ChatMessage;
      },
    };
    this.messages.push(record);
    return this.handle(record);
  }

  handle(record: MemoryMessage): ChatMessageHandle {
    return {
      ref: { id: record.id },
      edit: async (message) => {
        record.versions.push(message);
      },
      delete: async () => {
        record.deleted = true;
      },
    };
  }

  /** Resolves once `predicate` holds, checking every 5 ms. */
  async waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > until)
        throw new Error(`timed out; messages: ${JSON.stringify(this.messages.map((m) => m.current.text))}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  last(): MemoryMessage {
    const message = this.messages.at(-1);
    if (!message) throw new Error('no messages');
    return message;
  }
}
