import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the build (scripts/build-client.mjs) writes the page and its scripts; beside src and dist. */
export const ASSETS_DIR = fileURLToPath(new URL('../assets/', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface Asset {
  body: Buffer;
  type: string;
}

/** A built file by its name under ASSETS_DIR, or undefined; nothing outside that folder is served. */
export async function readAsset(name: string): Promise<Asset | undefined> {
  const type = TYPES[extname(name)];
  if (type === undefined || name.includes('\0')) return undefined;
  const path = normalize(join(ASSETS_DIR, name));
  if (!path.startsWith(ASSETS_DIR)) return undefined;
  try {
    return { body: await readFile(path), type };
  } catch {
    return undefined;
  }
}
