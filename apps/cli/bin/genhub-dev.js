#!/usr/bin/env node
// Development launcher: runs the TypeScript sources through tsx, resolving workspace packages to their
// sources, so edits show at once. The installed command is bin/genhub.js, which runs the build.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const child = spawn(
  process.execPath,
  ['--import', import.meta.resolve('tsx'), '--conditions=@genhub/source', main, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
// A terminal's Ctrl-C reaches both processes; a signal sent to this one alone is passed on. genhub
// counts copies of one signal arriving together once (src/stop-on-signal.ts).
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
