import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

// The page's assets are built once before the tests when missing or older than their sources.
export default mergeConfig(sharedConfig, defineConfig({ test: { globalSetup: ['test/build-assets.ts'] } }));
