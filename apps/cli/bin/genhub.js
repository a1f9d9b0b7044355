#!/usr/bin/env node
// The genhub command: runs the built JavaScript in dist/ (`pnpm build`, which ./scripts/start runs).
// From a checkout that was never built, bin/genhub-dev.js runs the TypeScript sources instead.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (existsSync(main)) {
  await import(main.href);
} else {
  console.error(
    'genhub is not built: run ./scripts/start, or pnpm build, or use bin/genhub-dev.js from a checkout.',
  );
  process.exitCode = 1;
}
