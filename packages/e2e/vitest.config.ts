import { defineConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

// Dependencies resolve as Node resolves them, through their `node` condition: the AWS SDK's `module`
// builds are for bundlers (imports without file extensions), and pg (CommonJS) cannot extend a class
// from pg-pool's `import` wrapper. The scale-out test loads both.
const conditions = ['@genhub/source', 'node', 'default'];

export default defineConfig({
  ...sharedConfig,
  resolve: { conditions },
  ssr: { resolve: { conditions } },
});
