import { GenHubError } from '@genhub/provider';
import { Agent, type Dispatcher, interceptors } from 'undici';

/**
 * The undici dispatchers a client and all its `withDefaults` children share. There is one keep-alive
 * Agent (pools per origin) per connect timeout in use, normally exactly one; a caller's own
 * dispatcher replaces them all (and its connect timeout then applies). Following redirects wraps the
 * dispatcher in undici's redirect interceptor, which shares the same pools.
 */
export class DispatcherSet {
  readonly #given: Dispatcher | undefined;
  readonly #agents = new Map<number, Agent>();
  readonly #redirecting = new Map<Dispatcher, Map<number, Dispatcher>>();
  #closed = false;

  constructor(given: Dispatcher | undefined) {
    this.#given = given;
  }

  /** The dispatcher for a request with this connect timeout following up to `maxRedirects`. */
  get(connectMs: number, maxRedirects: number): Dispatcher {
    if (this.#closed) throw new GenHubError('INTERNAL', 'This HTTP client has been closed.');
    const base = this.#given ?? this.#agent(connectMs);
    if (maxRedirects <= 0) return base;
    let byCount = this.#redirecting.get(base);
    if (byCount === undefined) {
      byCount = new Map();
      this.#redirecting.set(base, byCount);
    }
    let composed = byCount.get(maxRedirects);
    if (composed === undefined) {
      composed = base.compose(interceptors.redirect({ maxRedirections: maxRedirects }));
      byCount.set(maxRedirects, composed);
    }
    return composed;
  }

  /** Closes the agents this set created, after their in-flight requests; a given dispatcher is left open. */
  async close(): Promise<void> {
    this.#closed = true;
    const agents = [...this.#agents.values()];
    this.#agents.clear();
    this.#redirecting.clear();
    await Promise.all(agents.map((agent) => agent.close()));
  }

  #agent(connectMs: number): Agent {
    let agent = this.#agents.get(connectMs);
    if (agent === undefined) {
      agent = new Agent({ connect: { timeout: connectMs } });
      this.#agents.set(connectMs, agent);
    }
    return agent;
  }
}
