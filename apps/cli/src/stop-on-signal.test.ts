import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { SAME_REQUEST_MS, type StopOnSignalOptions, stopOnSignal } from './stop-on-signal.js';

/** stopOnSignal on an emitter instead of the process, with a clock the test moves. */
function harness(options: Partial<StopOnSignalOptions> = {}) {
  const source = new EventEmitter();
  const lines: string[] = [];
  const warnings: string[] = [];
  const exits: number[] = [];
  let time = 1_000;
  let stops = 0;
  let finishStop!: () => void;
  const signals = stopOnSignal({
    stop: () => {
      stops += 1;
      return new Promise<void>((resolve) => {
        finishStop = resolve;
      });
    },
    deadlineMs: 60_000,
    waitingFor: () => ['the Telegram bot', '2 running jobs'],
    print: (line) => lines.push(line),
    warn: (line) => warnings.push(line),
    exit: (code) => exits.push(code),
    source,
    now: () => time,
    ...options,
  });
  return {
    signals,
    lines,
    warnings,
    exits,
    stops: () => stops,
    finishStop: () => finishStop(),
    send: (signal: 'SIGINT' | 'SIGTERM', afterMs = 0) => {
      time += afterMs;
      source.emit(signal, signal);
    },
  };
}

describe('stopOnSignal', () => {
  it('stops in order at the first signal and resolves once the stop has finished', async () => {
    const h = harness();
    h.send('SIGTERM');
    expect(h.stops()).toBe(1);
    expect(h.lines).toEqual([expect.stringMatching(/^Stopping: no new work; .* \(at most 60 s; /)]);
    h.finishStop();
    await h.signals.stopped;
    expect(h.exits).toEqual([]);
    h.signals.dispose();
  });

  it('counts the launcher’s copy of a Ctrl-C as the same request, and a later one as a second', () => {
    const h = harness();
    h.send('SIGINT');
    h.send('SIGINT', 5);
    h.send('SIGINT', SAME_REQUEST_MS - 10);
    expect(h.stops()).toBe(1);
    expect(h.exits).toEqual([]);
    expect(h.warnings).toEqual([]);

    h.send('SIGINT', 20);
    expect(h.exits).toEqual([130]);
    expect(h.warnings).toEqual([
      'Stopped at once, without waiting for the Telegram bot and 2 running jobs; unfinished jobs resume at the next start.',
    ]);
    h.signals.dispose();
  });

  it('exits 128 + the signal number when the second request is a SIGTERM', () => {
    const h = harness();
    h.send('SIGINT');
    h.send('SIGTERM', SAME_REQUEST_MS + 1);
    expect(h.exits).toEqual([143]);
    h.signals.dispose();
  });

  it('exits 1 when the stop has not finished by the deadline, naming what it waited for', async () => {
    const h = harness({ deadlineMs: 30 });
    h.send('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(h.exits).toEqual([1]);
    expect(h.warnings).toEqual([
      'Gave up waiting after 0.03 s for the Telegram bot and 2 running jobs; unfinished jobs resume at the next start.',
    ]);
    h.signals.dispose();
  });

  it('does not exit when the stop finishes before the deadline', async () => {
    const h = harness({ deadlineMs: 30 });
    h.send('SIGTERM');
    h.finishStop();
    await h.signals.stopped;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(h.exits).toEqual([]);
    h.signals.dispose();
  });
});
