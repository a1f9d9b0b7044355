import { copyFile, mkdir } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { extensionFor, type JobRecord, type LocalArtifactStore } from '@genhub/core';

/** Copies a finished job's files into `outDir` as `<job id>-<n>.<ext>`; returns their absolute paths. */
export async function saveArtifacts(
  job: JobRecord,
  artifacts: LocalArtifactStore,
  outDir: string,
): Promise<string[]> {
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const [index, output] of job.outputs.entries()) {
    const extension = extname(output.key) || dotted(extensionFor(output.mediaType));
    const target = join(dir, `${job.id}-${index + 1}${extension}`);
    await copyFile(artifacts.localPath(output.key), target);
    paths.push(target);
  }
  return paths;
}

function dotted(extension: string | undefined): string {
  if (!extension) return '';
  return extension.startsWith('.') ? extension : `.${extension}`;
}
