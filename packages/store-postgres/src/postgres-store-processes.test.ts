import { testServiceUrl } from '@genhub/testkit';
import { testStore } from '@genhub/testkit/vitest';
import { describe } from 'vitest';
import { postgresStoreHarness } from './__fixtures__/postgres-harness.js';

const url = testServiceUrl('postgres');

// The slow groups in a file of their own, so they run beside the others. Fewer random runs than on
// SQLite: each needs a schema of its own, and creating and migrating one takes a good part of a second.
describe.runIf(url)('PostgreSQL store', () => {
  testStore(postgresStoreHarness(url ?? ''), { only: ['invariants', 'processes'], propertyRuns: 30 });
});
