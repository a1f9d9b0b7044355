import { sqliteStoreHarness } from './sqlite-harness.js';
import { testStore } from './test-store.js';

testStore(sqliteStoreHarness(), {
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
