import { createWriteStream } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type ArtifactStore, extensionFor, type JobRecord } from '@genhub/core';

/** Copies a finished job's files into `outDir` as `<job id>-<n>.<ext>`; returns their absolute paths. */
export async function saveArtifacts(
  job: JobRecord,
  artifacts: ArtifactStore,
  outDir: string,
): Promise<string[]> {
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const [index, output] of job.outputs.entries()) {
    const extension = extname(output.key) || dotted(extensionFor(output.mediaType));
    const target = join(dir, `${job.id}-${index + 1}${extension}`);
    // A local file is copied; a file elsewhere (a bucket) is streamed down.
    if (artifacts.localPath) await copyFile(artifacts.localPath(output.key), target);
    else await pipeline(Readable.from(artifacts.read(output.key)), createWriteStream(target));
    paths.push(target);
  }
  return paths;
}

function dotted(extension: string | undefined): string {
  if (!extension) return '';
  return extension.startsWith('.') ? extension : `.${extension}`;
}
