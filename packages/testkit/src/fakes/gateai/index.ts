export type {
  GateAiDiscoveryState,
  GateAiFake,
  GateAiFakeLimits,
  GateAiFakeOptions,
  GateAiFakeTask,
  GateAiFakeUpload,
  GateAiTaskScript,
} from './gateai-fake.js';
export { DefaultGateAiFakeOptions, startGateAiFake } from './gateai-fake.js';
export type { GateAiFakeModel, GateAiFakeParam } from './gateai-fake-models.js';
export { GATEAI_FAKE_MODELS } from './gateai-fake-models.js';
