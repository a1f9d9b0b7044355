export type {
  GateAiDiscoveryState,
  GateAiFake,
  GateAiFakeLimits,
  GateAiFakeOptions,
  GateAiFakeTask,
  GateAiFakeUpload,
  GateAiGenerateFault,
  GateAiTaskScript,
} from './gateai-fake.js';
export { DefaultGateAiFakeOptions, GATEAI_GENERATE_FAULTS, startGateAiFake } from './gateai-fake.js';
export type { GateAiFakeModel, GateAiFakeParam } from './gateai-fake-models.js';
export { GATEAI_FAKE_MODELS } from './gateai-fake-models.js';
