// The parts of @genhub/testkit these tests use. apps/cli does not list @genhub/testkit as a
// dependency, so they are imported from its sources by path; both files stand alone (node:http, zod).

export { fakeModels } from '../../../packages/testkit/src/fake-plugin.js';
export type { FakeResponse, FakeServer } from '../../../packages/testkit/src/fake-server.js';
export { startFakeServer } from '../../../packages/testkit/src/fake-server.js';
