import type { GenHub, Provider } from '@genhub/core';
import type { ProviderStatus } from './api-types.js';

export interface ProviderMonitorOptions {
  /** Between two rounds of checks while someone watches. */
  intervalMs: number;
  /** The most one health or balance check may take. */
  timeoutMs: number;
}

/**
 * Checks every provider's health and balance, timing the health check, every `intervalMs` while at
 * least one page watches (and never otherwise, so an idle dashboard costs no provider calls).
 */
export class ProviderMonitor {
  #latest: ProviderStatus[] | undefined;
  #checkedAt = 0;
  #checking: Promise<ProviderStatus[]> | undefined;
  readonly #watchers = new Set<(statuses: ProviderStatus[]) => void>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly genhub: GenHub,
    private readonly options: ProviderMonitorOptions,
  ) {}

  /** The latest statuses, checking now if there are none from the last `intervalMs`. */
  async current(): Promise<ProviderStatus[]> {
    const fresh = this.#latest !== undefined && Date.now() - this.#checkedAt < this.options.intervalMs;
    return fresh && this.#latest ? this.#latest : this.check();
  }

  /** Calls `watcher` with every new round of statuses; returns a function that stops it. */
  watch(watcher: (statuses: ProviderStatus[]) => void): () => void {
    this.#watchers.add(watcher);
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => void this.check().catch(() => {}), this.options.intervalMs);
      this.#timer.unref();
    }
    return () => {
      this.#watchers.delete(watcher);
      if (this.#watchers.size === 0) this.stop();
    };
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  check(): Promise<ProviderStatus[]> {
    this.#checking ??= Promise.all(this.genhub.plugins.map((plugin) => this.#checkOne(plugin)))
      .then((statuses) => {
        this.#latest = statuses;
        this.#checkedAt = Date.now();
        for (const watcher of this.#watchers) watcher(statuses);
        return statuses;
      })
      .finally(() => {
        this.#checking = undefined;
      });
    return this.#checking;
  }

  async #checkOne(plugin: GenHub['plugins'][number]): Promise<ProviderStatus> {
    const status: ProviderStatus = {
      id: plugin.id,
      name: plugin.name,
      state: plugin.state,
      models: plugin.models,
      healthy: plugin.state === 'ready' ? null : false,
      message: plugin.message ?? null,
      balance: null,
      latencyMs: null,
      checkedAt: Date.now(),
    };
    const provider = plugin.state === 'ready' ? this.genhub.registry.provider(plugin.id) : undefined;
    if (provider === undefined) return status;
    const [health, balance] = await Promise.all([this.#health(provider), this.#balance(provider)]);
    return { ...status, ...health, balance, checkedAt: Date.now() };
  }

  async #health(provider: Provider): Promise<Pick<ProviderStatus, 'healthy' | 'message' | 'latencyMs'>> {
    if (!provider.health) return { healthy: null, message: 'does not report its health', latencyMs: null };
    const started = performance.now();
    try {
      const result = await provider.health({ signal: AbortSignal.timeout(this.options.timeoutMs) });
      return {
        healthy: result.ok,
        message: result.message ?? null,
        latencyMs: Math.round(performance.now() - started),
      };
    } catch (error) {
      return {
        healthy: false,
        message: error instanceof Error ? error.message : String(error),
        latencyMs: Math.round(performance.now() - started),
      };
    }
  }

  async #balance(provider: Provider): Promise<string | null> {
    if (!provider.balance) return null;
    try {
      const balance = await provider.balance({ signal: AbortSignal.timeout(this.options.timeoutMs) });
      if (balance.usd !== undefined) return `$${balance.usd.toFixed(2)}`;
      if (balance.credits !== undefined) return `${balance.credits} credits`;
      return null;
    } catch {
      return 'unavailable';
    }
  }
}
