export type {
  ImarouterFake,
  ImarouterFakeOptions,
  ImarouterFakeOutcome,
  ImarouterFakeTask,
} from './imarouter-fake.js';
export { startImarouterFake } from './imarouter-fake.js';
export type {
  FakeTaskKind,
  FakeTaskState,
  ImarouterExamples,
} from './imarouter-fake-examples.js';
export { imarouterExamples } from './imarouter-fake-examples.js';
export type { FakeMidjourneyButton } from './imarouter-fake-midjourney.js';
