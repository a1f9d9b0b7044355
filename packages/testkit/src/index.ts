export type {
  RunScenarioOptions,
  Scenario,
  ScenarioExpectation,
  ScenarioRequest,
  ScenarioResult,
} from './conformance/run-scenario.js';
export { runScenario } from './conformance/run-scenario.js';
export type {
  ConformanceContext,
  FakeApi,
  FakeApiInstance,
  TestProviderOptions,
} from './conformance/test-provider.js';
export { testProvider } from './conformance/test-provider.js';
export type { Rgb, SineWavOptions } from './fake-media.js';
export { colorFromSeed, minimalGlb, minimalMp4, sineWav, solidPng } from './fake-media.js';
export type { FakeConfig } from './fake-plugin.js';
export { fakeConfig, fakeModels, fakePlugin } from './fake-plugin.js';
export type {
  FakeAuth,
  FakeCall,
  FakeFile,
  FakeHandler,
  FakeMultipart,
  FakeReply,
  FakeResponse,
  FakeRoutes,
  FakeServer,
  FakeServerOptions,
} from './fake-server.js';
export { parseMultipart, startFakeServer, withAuth, withBearer } from './fake-server.js';
export * from './fakes/ainative/index.js';
export * from './fakes/gateai/index.js';
export * from './fakes/imarouter/index.js';
export type { WaitForJobOptions } from './pipeline/wait-for-job.js';
export { waitForJob } from './pipeline/wait-for-job.js';
