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
    // The JSON report lets scripts/print-test-failures.mjs repeat every failure at the end of a run,
    // where a truncated CI log still shows it.
    reporters: ['default', 'json'],
    outputFile: { json: 'node_modules/.cache/vitest-report.json' },
  },
});
