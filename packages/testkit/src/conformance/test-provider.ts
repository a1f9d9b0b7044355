import {
  type ClosableHttpClient,
  collectSecrets,
  createHttpClient,
  createMemoryLogger,
  ERROR_CODES,
  GenHubError,
  type HttpClient,
  type Logger,
  type MemoryLogLine,
  type ModelSpec,
  OUTPUT_KINDS,
  type Output,
  type Provider,
  type ProviderPlugin,
  Redactor,
  startPlugin,
  systemClock,
  TASKS,
  validateParams,
} from '@genhub/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  findModel,
  type RunScenarioOptions,
  runScenario,
  type Scenario,
  type ScenarioResult,
} from './run-scenario.js';

/** A running fake of the provider's API. */
export interface FakeApiInstance {
  /** Raw plugin configuration pointing at the fake, including a secret such as `apiKey`. */
  config: unknown;
  close(): Promise<void>;
}

/** How a plugin author drives a fake of their provider's API. */
export interface FakeApi {
  start(): Promise<FakeApiInstance>;
  scenarios: {
    /** Ends in outputs. */
    success: Scenario;
    /** Ends in a GenHubError, thrown by submit or answered by poll. */
    failure: Scenario;
    /** Ends in RATE_LIMITED. */
    rateLimit: Scenario;
    /** At least one pending poll, then outputs. */
    pendingThenSucceeded?: Scenario;
    /** At least one pending poll, then a failure. */
    pendingThenFailed?: Scenario;
    /** Submit answers pending and stays so long enough to be cancelled. */
    cancel?: Scenario;
  };
}

export interface TestProviderOptions {
  plugin: ProviderPlugin;
  fake: FakeApi;
  /** Raw configuration merged over what `fake.start()` returns. */
  config?: Readonly<Record<string, unknown>>;
  /** Poll limits for every scenario. */
  polling?: Pick<RunScenarioOptions, 'maxPolls' | 'maxPollDelayMs'>;
  /** Registers more tests; `ctx` is filled in before they run. */
  additionalTests?: (ctx: ConformanceContext) => void;
}

/** What the suite set up, the way core sets up a plugin. */
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
  /** `runScenario` against this provider, recording errors for the secrets check. */
  run(scenario: Scenario, options?: RunScenarioOptions): Promise<ScenarioResult>;
}

const MEDIA_TYPE = /^[a-z]+\/[a-z0-9][a-z0-9.+-]*(?:\s*;.*)?$/i;

function isZodObject(value: unknown): boolean {
  if (value instanceof z.ZodObject) return true;
  const internals = (value as { _zod?: { def?: { type?: unknown } } } | null)?._zod;
  return internals?.def?.type === 'object';
}

function expectValidOutputs(outputs: readonly Output[]): void {
  expect(outputs.length, 'a successful task has at least one output').toBeGreaterThan(0);
  for (const output of outputs) {
    if (output.kind === 'url') {
      expect(() => new URL(output.url), `output URL "${output.url}" parses`).not.toThrow();
      expect(['http:', 'https:', 'data:']).toContain(new URL(output.url).protocol);
      if (output.mediaType !== undefined) expect(output.mediaType).toMatch(MEDIA_TYPE);
    } else {
      expect(output.kind).toBe('bytes');
      expect(output.data).toBeInstanceOf(Uint8Array);
      expect(output.data.byteLength, 'byte outputs are not empty').toBeGreaterThan(0);
      expect(output.mediaType).toMatch(MEDIA_TYPE);
    }
    if (output.role !== undefined) expect(['primary', 'preview']).toContain(output.role);
  }
  expect(
    outputs.some((output) => output.role === undefined || output.role === 'primary'),
    'at least one output is primary',
  ).toBe(true);
}

function expectKnownError(result: ScenarioResult): GenHubError {
  expect(result.status, `expected a failure, got ${result.status}`).toBe('failed');
  expect(result.failedAt, `the request failed validation: ${result.error?.message}`).not.toBe('validate');
  const error = result.error;
  expect(GenHubError.isInstance(error)).toBe(true);
  expect(ERROR_CODES).toContain(error!.code);
  return error!;
}

/** Validated parameters for a model: its example, else an empty request, else just a prompt. */
function validInput(model: ModelSpec): Readonly<Record<string, unknown>> {
  const candidates: Array<Record<string, unknown>> = model.example
    ? [model.example]
    : [{}, { prompt: 'a small red cube on a white table' }];
  for (const candidate of candidates) {
    try {
      return validateParams(model, candidate).params;
    } catch (error) {
      if (model.example) throw error;
    }
  }
  throw new Error(`${model.id}: neither {} nor a plain prompt validates; give the model an \`example\`.`);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, inner: unknown) =>
      typeof inner === 'bigint' ? String(inner) : inner,
    );
  } catch {
    return String(value);
  }
}

/** Where a secret shows up in text, without repeating the secret. */
function leaks(label: string, text: string | undefined, secrets: readonly string[]): string[] {
  if (text === undefined) return [];
  return secrets
    .filter((secret) => text.includes(secret))
    .map((secret) => `${label}: ${text.split(secret).join('***').slice(0, 200)}`);
}

/**
 * Registers the standard conformance suite for one provider plugin, in the style of unstorage's
 * `testDriver`: call it at the top level of a test file.
 */
export function testProvider(options: TestProviderOptions): void {
  const { plugin, fake } = options;
  const { scenarios } = fake;
  const memory = createMemoryLogger();
  const abort = new AbortController();
  const errors: GenHubError[] = [];
  let instance: FakeApiInstance | undefined;
  let http: ClosableHttpClient | undefined;
  // Filled in by beforeAll, like unstorage's testDriver context.
  const ctx = {} as ConformanceContext;
  Object.assign(ctx, {
    plugin,
    logger: memory.logger,
    logLines: memory.lines,
    signal: abort.signal,
    errors,
    run: async (scenario: Scenario, runOptions: RunScenarioOptions = {}) => {
      const result = await runScenario(ctx.provider, scenario, {
        signal: abort.signal,
        ...options.polling,
        ...runOptions,
      });
      if (result.error) errors.push(result.error);
      return result;
    },
  } satisfies Partial<ConformanceContext>);

  describe(`provider plugin "${plugin.id}" conformance`, () => {
    beforeAll(async () => {
      instance = await fake.start();
      const raw: unknown =
        options.config === undefined
          ? instance.config
          : { ...(instance.config as object), ...options.config };
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        throw new TypeError('fake.start() must return the plugin configuration as an object.');
      }
      const redactor = new Redactor();
      const client = createHttpClient({ logger: memory.logger, redactor });
      http = client;
      // Exactly what core does: parse the settings, register their secrets, run setup, list models.
      // The logger does not know the secrets, so a plugin that logs one is caught below.
      const started = await startPlugin(plugin, raw as Record<string, unknown>, {
        http: client,
        logger: memory.logger,
        clock: systemClock,
        redactor,
        signal: abort.signal,
      });
      ctx.config = plugin.config.parse(raw);
      ctx.secrets = [...new Set([...collectSecrets(raw), ...collectSecrets(ctx.config)])];
      ctx.http = client;
      ctx.provider = started.provider;
      ctx.models = started.models;
    });

    afterAll(async () => {
      abort.abort();
      await ctx.provider?.close?.();
      await http?.close();
      await instance?.close();
    });

    describe('catalogue', () => {
      it('lists at least one model', () => {
        expect(ctx.models.length).toBeGreaterThan(0);
      });

      it('gives every model a unique lower-case id under the plugin id', () => {
        const id = new RegExp(`^${plugin.id}/[a-z0-9][a-z0-9._:-]*$`);
        for (const model of ctx.models) expect(model.id).toMatch(id);
        const ids = ctx.models.map((model) => model.id);
        expect(new Set(ids).size, 'model ids are unique').toBe(ids.length);
      });

      it('gives every model a name, known tasks and a known output kind', () => {
        for (const model of ctx.models) {
          expect(model.name.trim().length, `${model.id} has a name`).toBeGreaterThan(0);
          expect(model.tasks.length, `${model.id} performs a task`).toBeGreaterThan(0);
          for (const task of model.tasks) expect(TASKS).toContain(task);
          expect(OUTPUT_KINDS).toContain(model.output);
        }
      });

      it('describes parameters with a zod object', () => {
        for (const model of ctx.models) expect(isZodObject(model.params), `${model.id} params`).toBe(true);
      });

      it('keeps sizes and limits consistent', () => {
        for (const model of ctx.models) {
          const range = model.sizes?.range;
          if (range) {
            expect(range.step).toBeGreaterThan(0);
            expect(range.minWidth).toBeLessThanOrEqual(range.maxWidth);
            expect(range.minHeight).toBeLessThanOrEqual(range.maxHeight);
          }
          for (const preset of model.sizes?.presets ?? []) {
            expect(preset.width, `${model.id} preset ${preset.label}`).toBeGreaterThan(0);
            expect(preset.height, `${model.id} preset ${preset.label}`).toBeGreaterThan(0);
            if (range) {
              expect(preset.width).toBeGreaterThanOrEqual(range.minWidth);
              expect(preset.width).toBeLessThanOrEqual(range.maxWidth);
              expect(preset.height).toBeGreaterThanOrEqual(range.minHeight);
              expect(preset.height).toBeLessThanOrEqual(range.maxHeight);
            }
          }
          for (const [name, limit] of Object.entries(model.limits ?? {})) {
            expect(Number.isInteger(limit) && (limit as number) > 0, `${model.id} limits.${name}`).toBe(true);
          }
        }
      });

      it('gives examples that pass validation', () => {
        for (const model of ctx.models) {
          if (model.example) expect(() => validateParams(model, model.example!), model.id).not.toThrow();
        }
      });

      it('estimates a finite, non-negative price for valid parameters', () => {
        for (const model of ctx.models) {
          const price = model.estimatePrice(validInput(model));
          expect(Number.isFinite(price.usd) && price.usd >= 0, `${model.id} price ${price.usd}`).toBe(true);
        }
      });
    });

    describe('parameters', () => {
      const expectInvalid = (model: ModelSpec, input: Record<string, unknown>): void => {
        let thrown: unknown;
        try {
          validateParams(model, input);
        } catch (error) {
          thrown = error;
        }
        expect(GenHubError.isInstance(thrown), `${model.id} rejects ${safeJson(input)}`).toBe(true);
        expect((thrown as GenHubError).code).toBe('INVALID_INPUT');
      };

      it('rejects a request without its required prompt', () => {
        for (const model of ctx.models) {
          const prompt = model.params.shape.prompt as z.ZodType | undefined;
          if (prompt && !prompt.safeParse(undefined).success) expectInvalid(model, {});
        }
      });

      it('rejects a prompt of the wrong type', () => {
        for (const model of ctx.models) {
          if (model.params.shape.prompt) expectInvalid(model, { ...model.example, prompt: 42 });
        }
      });
    });

    describe('generation', () => {
      it('names listed models and their tasks in every scenario', async () => {
        for (const [name, scenario] of Object.entries(scenarios)) {
          if (!scenario) continue;
          const model = await findModel(ctx.provider, scenario.request.model, abort.signal);
          expect(model.tasks, `scenario ${name}`).toContain(scenario.request.task);
        }
      });

      it('succeeds with outputs', async () => {
        const result = await ctx.run(scenarios.success);
        expect(result.error?.message).toBeUndefined();
        expect(result.status).toBe('succeeded');
        expectValidOutputs(result.outputs);
        if (result.cost) expect(Number.isFinite(result.cost.usd) && result.cost.usd >= 0).toBe(true);
        if (result.ref) {
          expect(typeof result.ref.id).toBe('string');
          expect(JSON.parse(JSON.stringify(result.ref)), 'the task ref survives JSON').toStrictEqual(
            result.ref,
          );
        }
      });

      it('fails with a typed error', async () => {
        const error = expectKnownError(await ctx.run(scenarios.failure));
        if (scenarios.failure.expect?.code) expect(error.code).toBe(scenarios.failure.expect.code);
      });

      it('reports rate limiting as RATE_LIMITED', async () => {
        const error = expectKnownError(await ctx.run(scenarios.rateLimit));
        expect(error.code).toBe('RATE_LIMITED');
        expect(error.retryable).toBe(true);
        const retryAfter = scenarios.rateLimit.expect?.retryAfterSeconds;
        if (retryAfter !== undefined) expect(error.retryAfterSeconds).toBe(retryAfter);
        else if (error.retryAfterSeconds !== undefined) expect(error.retryAfterSeconds).toBeGreaterThan(0);
      });

      it.skipIf(!scenarios.pendingThenSucceeded)('polls through pending to success', async () => {
        const result = await ctx.run(scenarios.pendingThenSucceeded!);
        expect(result.error?.message).toBeUndefined();
        expect(result.submitted?.status).toBe('pending');
        expect(result.pendingPolls).toBeGreaterThan(0);
        expect(result.status).toBe('succeeded');
        expectValidOutputs(result.outputs);
      });

      it.skipIf(!scenarios.pendingThenFailed)('polls through pending to failure', async () => {
        const result = await ctx.run(scenarios.pendingThenFailed!);
        expect(result.pendingPolls).toBeGreaterThan(0);
        const error = expectKnownError(result);
        expect(result.failedAt).toBe('poll');
        if (scenarios.pendingThenFailed!.expect?.code) {
          expect(error.code).toBe(scenarios.pendingThenFailed!.expect.code);
        }
      });

      it.skipIf(!scenarios.cancel)('cancels a running task', async (test) => {
        const cancel = ctx.provider.cancel?.bind(ctx.provider);
        if (!cancel) {
          test.skip('the provider has no cancel');
          return;
        }
        const scenario = scenarios.cancel!;
        await scenario.arrange?.();
        const model = await findModel(ctx.provider, scenario.request.model, abort.signal);
        const { params } = validateParams(model, scenario.request.params);
        const submitted = await ctx.provider.submit(
          { model: model.id, task: scenario.request.task, params },
          { signal: abort.signal, idempotencyKey: crypto.randomUUID() },
        );
        expect(submitted.status, 'the cancel scenario submits a pending task').toBe('pending');
        if (submitted.status !== 'pending') return;
        const ref = JSON.parse(JSON.stringify(submitted.ref)) as typeof submitted.ref;
        await cancel(ref, { signal: abort.signal });
        const polled = await ctx.provider.poll(ref, { signal: abort.signal });
        if (polled.status === 'failed') {
          errors.push(polled.error);
          expect(polled.error.code).toBe('CANCELLED');
        } else {
          expect(polled.status).toBe('cancelled');
        }
      });

      it('answers balance and health when it offers them', async () => {
        const balance = await ctx.provider.balance?.({ signal: abort.signal });
        for (const amount of [balance?.usd, balance?.credits]) {
          if (amount !== undefined) expect(Number.isFinite(amount)).toBe(true);
        }
        const health = await ctx.provider.health?.({ signal: abort.signal });
        if (health) expect(typeof health.ok).toBe('boolean');
      });
    });

    if (options.additionalTests) options.additionalTests(ctx);

    describe('secrets', () => {
      it('never logs or throws the secrets in its configuration', () => {
        // Shorter values are too likely to occur by chance (and core does not redact them either).
        const secrets = ctx.secrets.filter((secret) => secret.length >= 6);
        expect(
          secrets.length,
          'the fake configuration holds a secret (apiKey) of 6 or more characters',
        ).toBeGreaterThan(0);
        const found: string[] = [];
        for (const [index, line] of memory.lines.entries()) {
          found.push(...leaks(`log line ${index} (${line.level})`, safeJson(line), secrets));
        }
        for (const error of errors) {
          found.push(...leaks(`${error.code} message`, error.message, secrets));
          found.push(...leaks(`${error.code} JSON`, safeJson(error.toJSON()), secrets));
          found.push(...leaks(`${error.code} stack`, error.stack, secrets));
          let cause: unknown = error.cause;
          for (let depth = 0; cause !== undefined && depth < 5; depth += 1) {
            const text = cause instanceof Error ? `${cause.message}\n${cause.stack ?? ''}` : safeJson(cause);
            found.push(...leaks(`${error.code} cause ${depth + 1}`, text, secrets));
            cause = cause instanceof Error ? cause.cause : undefined;
          }
        }
        expect(found, 'places where a secret leaked (shown as ***)').toEqual([]);
      });
    });
  });
}
