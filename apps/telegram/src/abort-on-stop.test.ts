import { getEventListeners } from 'node:events';
import type { Transformer } from 'grammy';
import { describe, expect, it } from 'vitest';
import { abortOnStop } from './abort-on-stop.js';

type Prev = Parameters<Transformer>[0];

describe('abortOnStop', () => {
  it('holds one stop listener per call under way, however many, without a memory-leak warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const stopped = new AbortController();
      const transformer = abortOnStop(stopped.signal);
      const seen: AbortSignal[] = [];
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const prev = (async (_method: string, _payload: unknown, signal?: AbortSignal) => {
        seen.push(signal as AbortSignal);
        await released;
        return { ok: true, result: true };
      }) as unknown as Prev;

      // A bot following a hundred jobs edits many messages at once.
      const calls = Array.from({ length: 50 }, () => transformer(prev, 'editMessageText', {} as never));
      expect(getEventListeners(stopped.signal, 'abort')).toHaveLength(50);
      release();
      await Promise.all(calls);
      expect(getEventListeners(stopped.signal, 'abort')).toHaveLength(0);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MaxListenersExceededWarning');

      // Stopping ends every call under way.
      const pending = transformer(
        (async (_method: string, _payload: unknown, signal?: AbortSignal) =>
          new Promise((_, reject) =>
            signal?.addEventListener('abort', () => reject(new Error('aborted'))),
          )) as unknown as Prev,
        'sendMessage',
        {} as never,
      );
      stopped.abort();
      await expect(pending).rejects.toThrow('aborted');
      expect(seen.every((signal) => !signal.aborted)).toBe(true);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
