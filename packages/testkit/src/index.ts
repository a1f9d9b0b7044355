// The conformance suite without a test framework; `testProvider` is in `@genhub/testkit/vitest`.
export type { ConformanceCheck } from './conformance/conformance-check.js';
export type {
  ConformanceOptions,
  FakeApi,
  FakeApiInstance,
  ModelRequest,
  ProviderSupport,
  Scenarios,
} from './conformance/conformance-options.js';
export type { ConformanceContext } from './conformance/conformance-session.js';
export type { CheckId, Finding } from './conformance/finding.js';
export { CHECK_IDS } from './conformance/finding.js';
export type { CheckOutcome, ConformanceReport } from './conformance/run-conformance.js';
export { runConformance } from './conformance/run-conformance.js';
export type {
  RunScenarioOptions,
  Scenario,
  ScenarioExpectation,
  ScenarioRequest,
  ScenarioResult,
} from './conformance/run-scenario.js';
export { runScenario } from './conformance/run-scenario.js';
export type { Rgb, SineWavOptions } from './fake-media.js';
export {
  colorFromSeed,
  entitySvg,
  HOSTILE_SVG_MARKERS,
  hostileSvg,
  MP3_FRAME_MS,
  minimalGlb,
  minimalJpeg,
  minimalMp4,
  silentMp3,
  simpleSvg,
  sineWav,
  solidPng,
} from './fake-media.js';
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
export type { TestGenHub, TestGenHubOptions } from './pipeline/start-test-genhub.js';
export { rejection, startTestGenHub, testUser } from './pipeline/start-test-genhub.js';
export type { VirtualClock } from './pipeline/virtual-clock.js';
export { virtualClock } from './pipeline/virtual-clock.js';
export type { WaitForJobOptions } from './pipeline/wait-for-job.js';
export { waitForJob } from './pipeline/wait-for-job.js';
export { placeholderEnv } from './placeholder-env.js';
export type { RecordingPlugin } from './recording-plugin.js';
export { recordingPlugin } from './recording-plugin.js';
export type { TestServiceName } from './test-services.js';
export { testServiceUrl } from './test-services.js';
