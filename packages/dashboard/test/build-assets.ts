import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Vitest global setup: builds the dashboard's page when assets/ is missing or stale. */
export default function setup(): void {
  const script = fileURLToPath(new URL('../scripts/build-client.mjs', import.meta.url));
  execFileSync(process.execPath, [script, '--if-stale'], { stdio: 'inherit' });
}
