import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

// The dashboard's page is built before the tests when missing or stale (its browser test serves it).
export default mergeConfig(
  sharedConfig,
  defineConfig({ test: { globalSetup: ['test/build-dashboard.ts'] } }),
);
