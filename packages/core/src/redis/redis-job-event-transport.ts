import { randomUUID } from 'node:crypto';
import type { Logger } from '@genhub/provider';
import type { Redis } from 'ioredis';
import type { JobEvent, JobEventTransport } from '../pipeline/job-events.js';
import { closeRedis, connectRedis } from './redis-connection.js';

/** Events kept in the stream: enough for a reader that reconnects to catch up, bounded memory. */
const STREAM_LENGTH = 10_000;
/** How long one read waits for new events before asking again. */
const READ_BLOCK_MS = 5_000;

/**
 * Job events between processes, on one Redis stream. A stream rather than pub/sub: a reader that
 * loses its connection reads on from the last event it saw, so a bot misses no job's end.
 */
export class RedisJobEventTransport implements JobEventTransport {
  readonly #source = randomUUID();
  readonly #key: string;
  readonly #writer: Redis;
  #reader: Redis | undefined;
  #closed = false;
  #reading: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    prefix: string,
    private readonly logger: Logger,
  ) {
    this.#key = `${prefix}:job-events`;
    this.#writer = connectRedis(url, 'events');
  }

  publish(event: JobEvent): void {
    const message = JSON.stringify({ source: this.#source, event });
    this.#writer
      .xadd(this.#key, 'MAXLEN', '~', String(STREAM_LENGTH), '*', 'e', message)
      .catch((error: unknown) =>
        this.logger.warn('could not publish a job event', { jobId: event.job.id, error: String(error) }),
      );
  }

  listen(deliver: (event: JobEvent) => void): void {
    if (this.#reader) return;
    this.#reader = connectRedis(this.url, 'event-reader', { blocking: true });
    this.#reading = this.#read(this.#reader, deliver);
  }

  async #read(reader: Redis, deliver: (event: JobEvent) => void): Promise<void> {
    // Events from now on (by Redis's clock): the store holds what happened before.
    let lastId: string | undefined;
    while (!this.#closed) {
      try {
        if (lastId === undefined) {
          const [seconds, micros] = await reader.time();
          lastId = `${Number(seconds) * 1000 + Math.floor(Number(micros) / 1000)}-0`;
        }
        const batches = await reader.xread('BLOCK', READ_BLOCK_MS, 'STREAMS', this.#key, lastId);
        for (const [, entries] of batches ?? []) {
          for (const [id, fields] of entries) {
            lastId = id;
            const event = this.#parse(fields);
            if (event) deliver(event);
          }
        }
      } catch (error) {
        if (this.#closed) return;
        this.logger.warn('could not read job events from Redis; retrying', { error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }

  #parse(fields: string[]): JobEvent | undefined {
    try {
      const message = JSON.parse(fields[1] ?? '') as { source: string; event: JobEvent };
      return message.source === this.#source ? undefined : message.event;
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#reader) this.#reader.disconnect();
    await this.#reading?.catch(() => {});
    await closeRedis(this.#writer);
  }
}
