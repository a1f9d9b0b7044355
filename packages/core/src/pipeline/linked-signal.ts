/** A signal that aborts when any of its sources does, until `unlink` detaches it from them. */
export interface LinkedSignal {
  readonly signal: AbortSignal;
  /** Removes this link's listeners from its sources; call it once the signal is no longer needed. */
  unlink(): void;
}

/**
 * Like `AbortSignal.any`, but for a short wait that follows a signal living as long as the process
 * (the runner's stop signal). `AbortSignal.any` leaves an entry on each source for every signal it
 * ever made from it, which Node 20 never drops (nodejs/node#55351) and Node 24 drops only after a
 * garbage collection: one entry per poll wait, forever, in a bot that runs for months. Here each link
 * is a listener that `unlink` removes. Sources that take many links at once (the stop signal, under
 * a thousand waiting jobs) need `setMaxListeners(0, source)`, or Node warns past ten.
 */
export function linkSignals(sources: readonly AbortSignal[]): LinkedSignal {
  const controller = new AbortController();
  const aborted = sources.find((source) => source.aborted);
  if (aborted !== undefined) {
    controller.abort(aborted.reason);
    return { signal: controller.signal, unlink: () => {} };
  }
  const listeners = sources.map((source) => {
    const onAbort = () => {
      unlink();
      controller.abort(source.reason);
    };
    source.addEventListener('abort', onAbort, { once: true });
    return { source, onAbort };
  });
  const unlink = () => {
    for (const { source, onAbort } of listeners) source.removeEventListener('abort', onAbort);
  };
  return { signal: controller.signal, unlink };
}
