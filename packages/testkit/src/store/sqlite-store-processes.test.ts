import { sqliteStoreHarness } from './sqlite-harness.js';
import { testStore } from './test-store.js';

// The slow groups in a file of their own, so they run beside the others.
testStore(sqliteStoreHarness(), { only: ['invariants', 'processes'] });
