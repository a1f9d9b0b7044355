import {
  type ClosableHttpClient,
  collectSecrets,
  createHttpClient,
  createMemoryLogger,
  type GenHubError,
  type HttpClient,
  type Logger,
  type MemoryLogLine,
  type ModelSpec,
  type Provider,
  type ProviderPlugin,
  Redactor,
  startPlugin,
  systemClock,
} from '@genhub/core';
import type { FakeCall } from '../fake-server.js';
import type { ConformanceOptions, FakeApiInstance, Scenarios } from './conformance-options.js';
import { planModelRuns } from './model-requests.js';
import { type ReadOutput, readOutput } from './output-bytes.js';
import { type RunScenarioOptions, runScenario, type Scenario, type ScenarioResult } from './run-scenario.js';

/** What the suite set up, the way core sets up a plugin; `additionalTests` receives it. */
export interface ConformanceContext {
  plugin: ProviderPlugin;
  provider: Provider;
  models: readonly ModelSpec[];
  /** The configuration as parsed by the plugin's schema. */
  config: unknown;
  /** Values `collectSecrets` found in the configuration. */
  secrets: readonly string[];
  logger: Logger;
  /** Every line logged so far, by the plugin and by the HTTP client. */
  logLines: readonly MemoryLogLine[];
  http: HttpClient;
  signal: AbortSignal;
  /** Every GenHubError seen so far; the secrets check reads them. */
  errors: GenHubError[];
  /** `runScenario` against this provider, recording what the secrets check reads. */
  run(scenario: Scenario, options?: RunScenarioOptions): Promise<ScenarioResult>;
}

/** One request run end to end, and what came of it. */
export interface RunRecord {
  /** The requested model id. */
  model: string;
  /** What ran, for messages: `its example`, `the success scenario`. */
  source: string;
  scenario: Scenario;
  /** Undefined when the run broke the contract (see `broken`). */
  result: ScenarioResult | undefined;
  /** Something other than a GenHubError was thrown, or the model is not listed. */
  broken: Error | undefined;
  /** The requests the fake received from the end of `arrange` to the end of the run. */
  calls: readonly FakeCall[];
}

/** The suite's state for one plugin: set up once, shared by every check. */
export interface ConformanceSession extends ConformanceContext {
  options: ConformanceOptions;
  /** Every run so far, including `ctx.run` calls of additional tests. */
  runs: readonly RunRecord[];
  /** Errors raised outside a run (the cancel scenario's), with their model. */
  looseErrors: ReadonlyArray<{ model: string; error: GenHubError }>;
  /** The fake's recorded calls, when it exposes them. */
  fakeCalls(): readonly FakeCall[] | undefined;
  /** Every model's success runs, run once. */
  modelRuns(): Promise<readonly RunRecord[]>;
  /** The runs planned for the models, and the models nothing exercises. */
  plan(): ReturnType<typeof planModelRuns>;
  /** A scenario's run, run once; undefined when the options give no such scenario. */
  scenario(name: Exclude<keyof Scenarios, 'cancel'>): Promise<RunRecord | undefined>;
  /** The runs whose outputs are checked: every model's and every scenario's that succeeded. */
  outputRuns(): Promise<readonly RunRecord[]>;
  /** A run's outputs with their leading bytes, read once. */
  outputsOf(run: RunRecord): Promise<readonly ReadOutput[]>;
  recordError(model: string, error: GenHubError): void;
  close(): Promise<void>;
}

/** Scenarios run end to end through `runScenario` (cancel is driven step by step instead). */
const SCENARIOS_WITH_OUTPUTS = [
  'success',
  'pendingThenSucceeded',
  'failure',
  'rateLimit',
  'pendingThenFailed',
] as const;

/** Starts the fake and the plugin exactly as core would: parse the settings, run setup, list models. */
export async function startSession(options: ConformanceOptions): Promise<ConformanceSession> {
  const { plugin, fake } = options;
  const memory = createMemoryLogger();
  const abort = new AbortController();
  const errors: GenHubError[] = [];
  const runs: RunRecord[] = [];
  const looseErrors: Array<{ model: string; error: GenHubError }> = [];
  let instance: FakeApiInstance | undefined;
  let http: ClosableHttpClient | undefined;
  let provider: Provider | undefined;
  const close = async (): Promise<void> => {
    abort.abort();
    await provider?.close?.();
    await http?.close();
    await instance?.close();
  };

  try {
    instance = await fake.start();
    const raw: unknown =
      options.config === undefined ? instance.config : { ...(instance.config as object), ...options.config };
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new TypeError('fake.start() must return the plugin configuration as an object.');
    }
    const redactor = new Redactor();
    http = createHttpClient({ logger: memory.logger, redactor });
    // The logger does not know the secrets, so a plugin that logs one is caught by the secrets check.
    const started = await startPlugin(plugin, raw as Record<string, unknown>, {
      http,
      logger: memory.logger,
      clock: systemClock,
      redactor,
      signal: abort.signal,
    });
    provider = started.provider;
    const config = plugin.config.parse(raw);
    const server = instance.server;
    const fakeCalls = () => server?.calls;

    const execute = async (
      scenario: Scenario,
      source: string,
      runOptions: RunScenarioOptions = {},
    ): Promise<RunRecord> => {
      let start = fakeCalls()?.length ?? 0;
      const arrange = scenario.arrange;
      const measured: Scenario = {
        ...scenario,
        arrange: async () => {
          await arrange?.call(scenario);
          start = fakeCalls()?.length ?? 0;
        },
      };
      const record: RunRecord = {
        model: scenario.request.model,
        source,
        scenario,
        result: undefined,
        broken: undefined,
        calls: [],
      };
      try {
        record.result = await runScenario(started.provider, measured, {
          signal: abort.signal,
          ...options.polling,
          ...runOptions,
        });
        if (record.result.error) errors.push(record.result.error);
      } catch (error) {
        record.broken = error instanceof Error ? error : new Error(String(error));
      }
      record.calls = fakeCalls()?.slice(start) ?? [];
      runs.push(record);
      return record;
    };

    const plan = planModelRuns(started.models, options);
    let modelRuns: Promise<readonly RunRecord[]> | undefined;
    const scenarioRuns = new Map<string, Promise<RunRecord | undefined>>();
    const outputs = new WeakMap<RunRecord, Promise<readonly ReadOutput[]>>();

    const session: ConformanceSession = {
      options,
      plugin,
      provider: started.provider,
      models: started.models,
      config,
      secrets: [...new Set([...collectSecrets(raw), ...collectSecrets(config)])],
      logger: memory.logger,
      logLines: memory.lines,
      http,
      signal: abort.signal,
      errors,
      runs,
      looseErrors,
      fakeCalls,
      async run(scenario, runOptions) {
        const record = await execute(scenario, 'an additional test', runOptions);
        if (record.broken) throw record.broken;
        return record.result!;
      },
      plan: () => plan,
      modelRuns() {
        modelRuns ??= (async () => {
          const done: RunRecord[] = [];
          for (const planned of plan.runs) done.push(await execute(planned.scenario, planned.source));
          return done;
        })();
        return modelRuns;
      },
      scenario(name) {
        let pending = scenarioRuns.get(name);
        if (!pending) {
          const scenario = fake.scenarios[name];
          pending = scenario ? execute(scenario, `the ${name} scenario`) : Promise.resolve(undefined);
          scenarioRuns.set(name, pending);
        }
        return pending;
      },
      async outputRuns() {
        // One after the other: each run scripts the shared fake.
        const all = [...(await session.modelRuns())];
        // A failure scenario that succeeded anyway has outputs worth a look too (an error body, say).
        for (const name of SCENARIOS_WITH_OUTPUTS) {
          const run = await session.scenario(name);
          if (run) all.push(run);
        }
        return all.filter((run) => run.result?.status === 'succeeded');
      },
      outputsOf(run) {
        let read = outputs.get(run);
        if (!read) {
          const list = run.result?.outputs ?? [];
          read = Promise.all(list.map((output, index) => readOutput(output, index + 1, abort.signal)));
          outputs.set(run, read);
        }
        return read;
      },
      recordError(model, error) {
        errors.push(error);
        looseErrors.push({ model, error });
      },
      close,
    };
    return session;
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}
