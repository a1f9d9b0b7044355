import { defineConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

// The AWS SDK's `module` builds are for bundlers (imports without file extensions): resolve its
// packages as Node does, through their `node` condition.
const conditions = ['@genhub/source', 'node', 'import', 'default'];

export default defineConfig({
  ...sharedConfig,
  resolve: { conditions },
  ssr: { resolve: { conditions } },
});
