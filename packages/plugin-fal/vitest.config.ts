import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

// The test files keep no shared state (each starts its own fakes), so they share a module cache per
// worker: importing core's sources once per worker instead of once per file halves the run.
export default mergeConfig(sharedConfig, defineConfig({ test: { isolate: false } }));
