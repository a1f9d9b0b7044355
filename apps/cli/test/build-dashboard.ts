import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Vitest global setup: builds the dashboard's page when it is missing or older than its sources. */
export default function setup(): void {
  const script = fileURLToPath(
    new URL('../../../packages/dashboard/scripts/build-client.mjs', import.meta.url),
  );
  execFileSync(process.execPath, [script, '--if-stale'], { stdio: 'inherit' });
}
