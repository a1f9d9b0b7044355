import {
  type Clock,
  createHttpClient,
  createMemoryLogger,
  type MemoryLogLine,
  type ModelSpec,
  Redactor,
  startPlugin,
  systemClock,
} from '@genhub/core';
import type { GateAiFake } from '../../test/fake/index.js';
import { gateaiPlugin } from '../gateai-plugin.js';
import { type GateAiProvider, isGateAiProvider } from '../gateai-provider.js';

export interface StartedGateAi {
  provider: GateAiProvider;
  models: readonly ModelSpec[];
  logs: readonly MemoryLogLine[];
  model(id: string): ModelSpec;
  close(): Promise<void>;
}

/** The GateAI plugin started against the fake exactly as core starts it, with its log lines kept. */
export async function startGateAi(
  fake: GateAiFake,
  settings: Readonly<Record<string, unknown>> = {},
  clock: Clock = systemClock,
): Promise<StartedGateAi> {
  const { logger, lines } = createMemoryLogger();
  const redactor = new Redactor();
  const http = createHttpClient({ logger, redactor, clock, retry: { retries: 0 } });
  const abort = new AbortController();
  const started = await startPlugin(
    gateaiPlugin,
    { ...fake.config, ...settings },
    { http, logger, clock, redactor, signal: abort.signal },
  );
  if (!isGateAiProvider(started.provider)) throw new Error('not the GateAI provider');
  const provider = started.provider;
  return {
    provider,
    models: started.models,
    logs: lines,
    model(id) {
      const found = started.models.find((m) => m.id === id);
      if (!found) throw new Error(`no model ${id}`);
      return found;
    },
    async close() {
      abort.abort();
      await http.close();
    },
  };
}
