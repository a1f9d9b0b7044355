import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { linkSignals } from './linked-signal.js';

describe('linkSignals', () => {
  it('aborts with the reason of whichever source aborts first', () => {
    const first = new AbortController();
    const second = new AbortController();
    const link = linkSignals([first.signal, second.signal]);
    expect(link.signal.aborted).toBe(false);
    second.abort(new Error('second'));
    expect(link.signal.aborted).toBe(true);
    expect((link.signal.reason as Error).message).toBe('second');
    // Aborting detached it from the other source too.
    expect(getEventListeners(first.signal, 'abort')).toHaveLength(0);
  });

  it('is aborted at once when a source already is', () => {
    const done = AbortSignal.abort(new Error('already'));
    const link = linkSignals([new AbortController().signal, done]);
    expect(link.signal.aborted).toBe(true);
    expect((link.signal.reason as Error).message).toBe('already');
  });

  it('leaves nothing on a long-lived source once unlinked, however many links it made', () => {
    const process = new AbortController();
    for (let i = 0; i < 1000; i++) {
      const wait = new AbortController();
      const link = linkSignals([process.signal, wait.signal]);
      link.unlink();
    }
    expect(getEventListeners(process.signal, 'abort')).toHaveLength(0);
    // And an unlinked signal no longer follows it.
    const link = linkSignals([process.signal]);
    link.unlink();
    process.abort();
    expect(link.signal.aborted).toBe(false);
  });
});
