import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

// The template's own tests run here too, against the workspace's sources.
export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'template/test/**/*.test.ts'] },
  }),
);
