import type { CreateGenHubOptions, GenHubConfig } from '@genhub/core';

/**
 * The artifact store the configuration asks for: a bucket when `s3` is set, else nothing (core's
 * folder in `dataDir`). The AWS SDK is loaded only then, so other installations never load it.
 */
export async function configuredArtifacts(
  config: GenHubConfig,
): Promise<Pick<CreateGenHubOptions, 'artifacts'>> {
  if (!config.s3) return {};
  const { createS3ArtifactStore } = await import('@genhub/artifacts-s3');
  return { artifacts: createS3ArtifactStore(config.s3) };
}
