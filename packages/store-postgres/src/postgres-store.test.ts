import { testServiceUrl } from '@genhub/testkit';
import { testStore } from '@genhub/testkit/vitest';
import { describe } from 'vitest';
import { postgresStoreHarness } from './__fixtures__/postgres-harness.js';

const url = testServiceUrl('postgres');

describe.runIf(url)('PostgreSQL store', () => {
  testStore(postgresStoreHarness(url ?? ''), {
    only: [
      'jobs',
      'ledger',
      'reservation',
      'finishJob',
      'records',
      'migrations',
      'allowances',
      'moderation',
      'reports',
    ],
  });
});
