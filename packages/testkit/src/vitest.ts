/*
 * @genhub/testkit/vitest: the conformance suite as vitest tests. Import it from test files only; the
 * main entry, `@genhub/testkit`, never loads vitest.
 */

export type {
  ArtifactStoreUnderTest,
  TestArtifactStoreOptions,
} from './artifact-store/test-artifact-store.js';
export { testArtifactStore } from './artifact-store/test-artifact-store.js';
export type { TestProviderOptions } from './conformance/test-provider.js';
export { testProvider } from './conformance/test-provider.js';
export { sqliteStoreHarness } from './store/sqlite-harness.js';
export type { StoreHarness } from './store/store-harness.js';
export type { StoreCaseGroup, TestStoreOptions } from './store/test-store.js';
export { testStore } from './store/test-store.js';
