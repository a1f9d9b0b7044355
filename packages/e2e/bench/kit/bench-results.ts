import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where every benchmark writes its figures. */
export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

/** Writes a benchmark's figures as `results/<name>.json`; a failure to write is only a warning. */
export async function writeBenchResults(name: string, results: unknown): Promise<void> {
  const file = join(RESULTS_DIR, `${name}.json`);
  try {
    await mkdir(RESULTS_DIR, { recursive: true });
    await writeFile(
      file,
      `${JSON.stringify({ generatedAt: new Date().toISOString(), ...(results as object) }, null, 2)}\n`,
    );
    console.log(`figures written to ${file}`);
  } catch (error) {
    console.warn(`could not write ${file}: ${(error as Error).message}`);
  }
}

/** "met" or "MISSED", for a goal line. */
export const goal = (met: boolean) => (met ? 'met' : 'MISSED');

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
