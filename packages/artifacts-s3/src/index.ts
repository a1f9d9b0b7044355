export type { S3ArtifactStoreOptions } from './s3-artifact-store.js';
export { createS3ArtifactStore, DefaultS3Upload } from './s3-artifact-store.js';
