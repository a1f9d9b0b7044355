import type { GenHub, ProcessRole } from '@genhub/core';
import { withTimeout } from './with-timeout.js';

export interface PluginHealth {
  id: string;
  name: string;
  state: 'ready' | 'unconfigured' | 'failed';
  models: number;
  message?: string;
  health?: { ok: boolean; message?: string };
}

export interface HealthReport {
  ok: boolean;
  /** What this process runs (`genhub start --role`). */
  role: ProcessRole;
  store: { ok: boolean; message?: string };
  queue: { waiting: number; running: number };
  plugins: PluginHealth[];
}

/** Whether the store answers: a balance read, which touches the database and nothing else. */
export async function checkStore(genhub: GenHub): Promise<{ ok: boolean; message?: string }> {
  try {
    await genhub.store.ledger.balance({ kind: 'user', id: 'healthz' });
    return { ok: true };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Store, queue and every plugin, asking ready providers' `health()` with a short timeout. */
export async function healthReport(
  genhub: GenHub,
  queue: { waiting: number; running: number },
  timeoutMs = 2000,
): Promise<HealthReport> {
  const [store, plugins] = await Promise.all([
    checkStore(genhub),
    Promise.all(
      genhub.plugins.map(async (status): Promise<PluginHealth> => {
        const entry: PluginHealth = { ...status };
        const provider = status.state === 'ready' ? genhub.registry.provider(status.id) : undefined;
        if (provider?.health) {
          const health = provider.health.bind(provider);
          try {
            const result = await withTimeout(timeoutMs, `${status.name}'s health check`, (signal) =>
              health({ signal }),
            );
            entry.health =
              result.message === undefined ? { ok: result.ok } : { ok: result.ok, message: result.message };
          } catch (error) {
            entry.health = { ok: false, message: error instanceof Error ? error.message : String(error) };
          }
        }
        return entry;
      }),
    ),
  ]);
  return { ok: store.ok, role: genhub.config.role, store, queue, plugins };
}
