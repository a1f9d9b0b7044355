// Builds the dashboard's page into assets/: one HTML file, one stylesheet, the script and its lazy
// chunks (three.js loads only on a job page that shows a .glb). No CDN: everything is bundled.
// With --if-stale (the tests' global setup) it builds only when assets/ is missing or older than
// its sources.
import { copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const client = `${root}src/client/`;
const out = `${root}assets/`;

async function newest(paths) {
  let latest = 0;
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) {
      const names = await readdir(path);
      latest = Math.max(latest, await newest(names.map((name) => `${path}/${name}`)));
    } else if (info) latest = Math.max(latest, info.mtimeMs);
  }
  return latest;
}

if (process.argv.includes('--if-stale')) {
  const built = (await stat(`${out}app.js`).catch(() => undefined))?.mtimeMs ?? 0;
  const sources = await newest([client, `${root}src/api-types.ts`, fileURLToPath(import.meta.url)]);
  if (built > sources) process.exit(0);
}

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  entryPoints: { app: `${client}main.tsx` },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome110', 'firefox115', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: true,
  sourcemap: false,
  legalComments: 'linked',
  chunkNames: 'chunk-[hash]',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
});
await build({
  entryPoints: { app: `${client}style.css` },
  outdir: out,
  bundle: true,
  minify: true,
  logLevel: 'warning',
});
await copyFile(`${client}index.html`, `${out}index.html`);
