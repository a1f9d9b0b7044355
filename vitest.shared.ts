import { defineConfig } from 'vitest/config';

/** Shared test settings; each package merges this into its own vitest.config.ts. */
export const sharedConfig = defineConfig({
  resolve: { conditions: ['@genhub/source', 'import', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['@genhub/source', 'import', 'module', 'node', 'default'] } },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 20_000,
    restoreMocks: true,
  },
});
