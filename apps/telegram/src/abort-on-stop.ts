import { setMaxListeners } from 'node:events';
import type { Transformer } from 'grammy';

/**
 * An API transformer, installed last so it wraps retries too, that gives every Bot API call the
 * bot's stop signal: once the bot stops, calls under way, waiting to retry, or made later end at once
 * instead of retrying against an API that may never answer.
 */
export function abortOnStop(stopped: AbortSignal): Transformer {
  // One listener per call under way, and a bot following many jobs makes many calls at once: no
  // limit, or Node warns of a memory leak past ten.
  setMaxListeners(0, stopped);
  return async (prev, method, payload, signal) => {
    // One controller per call, its listeners removed after: AbortSignal.any on a signal that lives
    // as long as the bot keeps every call's signal reachable on some Node versions.
    const call = new AbortController();
    const abort = () => call.abort();
    if (stopped.aborted || signal?.aborted) abort();
    stopped.addEventListener('abort', abort);
    signal?.addEventListener('abort', abort);
    try {
      // grammY types signals with its own shim; Node's is the same thing at run time.
      return await prev(method, payload, call.signal as unknown as typeof signal);
    } finally {
      stopped.removeEventListener('abort', abort);
      signal?.removeEventListener('abort', abort);
    }
  };
}
