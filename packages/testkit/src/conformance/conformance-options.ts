import type { JsonObject, ProviderPlugin, Task } from '@genhub/core';
import type { FakeCall } from '../fake-server.js';
import type { RunScenarioOptions, Scenario } from './run-scenario.js';

/** A running fake of the provider's API. */
export interface FakeApiInstance {
  /** Raw plugin configuration pointing at the fake, including a secret such as `apiKey`. */
  config: unknown;
  /**
   * What records the requests the fake received (a `FakeServer`, or a provider fake built on one):
   * the suite reads `calls` to check that each request's values reached the wire.
   */
  server?: { readonly calls: readonly FakeCall[] };
  close(): Promise<void>;
}

/** The scripted situations of a provider's API. Only `success` is always needed; see `supports`. */
export interface Scenarios {
  /** Ends in outputs. Its `arrange` also scripts every model's own success run. */
  success: Scenario;
  /** Ends in a GenHubError, thrown by submit or answered by poll. Needed unless `supports.failure` is false. */
  failure?: Scenario;
  /** Ends in RATE_LIMITED. Needed unless `supports.rateLimit` is false. */
  rateLimit?: Scenario;
  /** At least one pending poll, then outputs. Needed unless `supports.poll` is false. */
  pendingThenSucceeded?: Scenario;
  /** At least one pending poll, then a failure. */
  pendingThenFailed?: Scenario;
  /** Submit answers pending and stays so long enough to be cancelled. Needed unless `supports.cancel` is false. */
  cancel?: Scenario;
}

/** How a plugin author drives a fake of their provider's API. */
export interface FakeApi {
  start(): Promise<FakeApiInstance>;
  scenarios: Scenarios;
}

/**
 * What the provider cannot do. Each is true unless declared false; the suite then checks the absence
 * is real (no `cancel` method, no pending answer) instead of testing the ability.
 */
export interface ProviderSupport {
  /** The API never fails a generation it accepted (an offline engine, say). */
  failure?: boolean;
  /** The API has no rate limit. */
  rateLimit?: boolean;
  /** The API cannot cancel a task: the provider has no `cancel`. */
  cancel?: boolean;
  /** The API answers in the request itself: `submit` returns the outputs, never `pending`. */
  poll?: boolean;
  /** The plugin calls no HTTP API (an offline engine), so there are no request bodies to check. */
  http?: boolean;
}

/** A request for one model's success run, instead of (or besides) the model's `example`. */
export interface ModelRequest {
  /** The task to ask for; the model's first task unless given. */
  task?: Task;
  params: Record<string, unknown>;
  /** Scripts the fake for this request; the success scenario's `arrange` unless given. */
  arrange?(): void | Promise<void>;
  /**
   * How this request looks on the wire: a JSON body (or the part of one that matters) that some request
   * the fake receives during the run must contain. Objects match by the keys given, arrays and values
   * exactly.
   */
  sends?: JsonObject;
}

/** Everything the conformance suite needs; `testProvider` (from `@genhub/testkit/vitest`) takes the same. */
export interface ConformanceOptions {
  plugin: ProviderPlugin;
  fake: FakeApi;
  /** What the provider lacks; everything is expected unless declared false here. */
  supports?: ProviderSupport;
  /**
   * Success runs by model id. Every model the plugin lists runs at least once: with these requests
   * when given, else with its `example`. A model with neither fails the suite.
   */
  requests?: Readonly<Record<string, ModelRequest | readonly ModelRequest[]>>;
  /** Raw configuration merged over what `fake.start()` returns. */
  config?: Readonly<Record<string, unknown>>;
  /** Poll limits for every run. */
  polling?: Pick<RunScenarioOptions, 'maxPolls' | 'maxPollDelayMs'>;
}

/** Whether the provider can do `what`: true unless the options declare it false. */
export function supports(options: ConformanceOptions, what: keyof ProviderSupport): boolean {
  return options.supports?.[what] !== false;
}
