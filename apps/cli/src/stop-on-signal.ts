import { constants } from 'node:os';

/**
 * Copies of one stop request arrive this close together, and count once: from a terminal, Ctrl-C
 * reaches both the launcher (bin/genhub-dev.js) and this process, and the launcher passes its copy on
 * (as it must for a signal sent to it alone, such as `docker stop`'s); a service manager may signal
 * the whole process group alike. A signal later than this is a second request: stop at once.
 */
export const SAME_REQUEST_MS = 500;

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type StopSignal = (typeof STOP_SIGNALS)[number];

/** Where the signals come from: the process, or a test's emitter. */
export interface SignalSource {
  on(signal: StopSignal, listener: (signal: StopSignal) => void): unknown;
  off(signal: StopSignal, listener: (signal: StopSignal) => void): unknown;
}

export interface StopOnSignalOptions {
  /** The orderly stop: no new work, running jobs reach a saved state, everything closed. */
  stop(): Promise<void>;
  /** The longest wait for `stop`, from the first signal. */
  deadlineMs: number;
  /** What `stop` is still waiting for, as the operator knows it: "the Telegram bot", "2 running jobs". */
  waitingFor(): string[];
  /** Progress for the operator (stdout). */
  print(line: string): void;
  /** Why the stop did not wait (stderr). */
  warn(line: string): void;
  /** Ends the process now. */
  exit(code: number): void;
  source?: SignalSource;
  now?: () => number;
}

export interface SignalStop {
  /** Resolves once a signal's orderly stop has finished in time. */
  stopped: Promise<void>;
  /** Stops listening (the process is ending some other way). */
  dispose(): void;
}

/**
 * SIGINT and SIGTERM stop the process in order, within a deadline: the first runs `stop`, and when
 * `stop` has not finished `deadlineMs` later the process exits 1 anyway, naming what it was waiting
 * for. A second signal (not a copy of the first, see SAME_REQUEST_MS) exits at once with 128 + the
 * signal's number. Nothing is lost either way: every job's state is saved before it is acted on, and
 * the next start resumes it.
 */
export function stopOnSignal(options: StopOnSignalOptions): SignalStop {
  const source = options.source ?? process;
  const now = options.now ?? Date.now;
  const seconds = formatSeconds(options.deadlineMs);
  let firstAt: number | undefined;
  let deadline: NodeJS.Timeout | undefined;
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => {
    resolveStopped = resolve;
  });
  const waiting = () => joinAnd(options.waitingFor());
  const onSignal = (signal: StopSignal) => {
    if (firstAt === undefined) {
      firstAt = now();
      options.print(
        `Stopping: no new work; letting running jobs reach a saved state (at most ${seconds}; a second Ctrl-C stops at once).`,
      );
      deadline = setTimeout(() => {
        const what = waiting();
        options.warn(
          `Gave up waiting after ${seconds}${what && ` for ${what}`}; unfinished jobs resume at the next start.`,
        );
        options.exit(1);
      }, options.deadlineMs);
      options.stop().then(
        () => {
          clearTimeout(deadline);
          resolveStopped();
        },
        (error: unknown) => {
          clearTimeout(deadline);
          options.warn(`The stop failed: ${error instanceof Error ? error.message : String(error)}.`);
          options.exit(1);
        },
      );
      return;
    }
    if (now() - firstAt < SAME_REQUEST_MS) return;
    clearTimeout(deadline);
    const what = waiting();
    options.warn(
      `Stopped at once${what && `, without waiting for ${what}`}; unfinished jobs resume at the next start.`,
    );
    options.exit(128 + constants.signals[signal]);
  };

  for (const signal of STOP_SIGNALS) source.on(signal, onSignal);
  return {
    stopped,
    dispose() {
      for (const signal of STOP_SIGNALS) source.off(signal, onSignal);
    },
  };
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

/** `a`, `a and b`, `a, b and c`; empty for none. */
function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
