import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

// Without the `import` condition: pg (CommonJS) requires pg-pool, whose `import` export is an ES
// module wrapper that a require() cannot extend a class from.
const conditions = ['@genhub/source', 'module', 'node', 'default'];

export default mergeConfig(
  { ...sharedConfig, resolve: { conditions }, ssr: { resolve: { conditions } } },
  defineConfig({}),
);
