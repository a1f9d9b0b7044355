import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalArtifactStore } from '@genhub/core';
import { testArtifactStore } from './test-artifact-store.js';

testArtifactStore({
  name: 'local folder',
  async create() {
    const root = mkdtempSync(join(tmpdir(), 'genhub-artifacts-'));
    return {
      store: createLocalArtifactStore({ root }),
      async leftovers(jobId) {
        try {
          return readdirSync(join(root, jobId));
        } catch {
          return [];
        }
      },
      async cleanup() {
        rmSync(root, { recursive: true, force: true });
      },
    };
  },
});
