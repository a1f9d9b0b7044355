import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

// The test files share no mutable state (each starts its own fake and GenHub), so they share one
// module graph per worker: importing core from source once instead of per file halves the run.
export default mergeConfig(sharedConfig, defineConfig({ test: { isolate: false } }));
