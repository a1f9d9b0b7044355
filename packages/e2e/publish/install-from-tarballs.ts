// The proof that a stranger can install GenHub's packages and write a plugin on them: builds and packs
// every library package, checks what was packed, scaffolds a plugin with the packed create-genhub-plugin
// in a folder outside the workspace, installs it from the tarballs with npm, type-checks it, runs its
// tests (the conformance suite) and builds it, then loads it by package name into the workspace's
// built `genhub` (`models`, `generate`) from a genhub.config.json in that folder, against the scaffold's own
// fake API. `./scripts/test` runs it as `pnpm test:packages`; each step prints its time, and a failed
// step prints its command and output.
import { type SpawnOptions, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const GENHUB = join(ROOT, 'apps/cli/bin/genhub.js');
/** The scaffolded plugin: package `genhub-plugin-proof`, plugin id `proof`, model `proof/image`. */
const PLUGIN = 'genhub-plugin-proof';
const MODEL = 'proof/image';
const MINUTE = 60_000;

interface Library {
  name: string;
  version: string;
  dir: string;
}

/** What the scaffold's test/fake-api.ts exports. */
interface ScaffoldFake {
  FAKE_API_KEY: string;
  startFakeApi(): Promise<{
    url: string;
    server: { callsTo(key: string): unknown[] };
    close(): Promise<void>;
  }>;
}

/** A command that failed, with everything it printed. */
class CommandFailed extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  repository?: unknown;
  exports?: unknown;
  bin?: Record<string, string>;
  publishConfig?: { access?: string };
  [field: string]: unknown;
}

/** Every package a user can install: the workspace packages that are not private. */
function libraries(): Library[] {
  return ['packages', 'apps']
    .flatMap((group) => readdirSync(join(ROOT, group)).map((name) => join(ROOT, group, name)))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, ...(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest) }))
    .filter((manifest) => manifest.private !== true)
    .map(({ name, version, dir }) => ({ name, version, dir }));
}

/** `@genhub/core` 0.1.0 is packed as `genhub-core-0.1.0.tgz`. */
function tarballName({ name, version }: Library): string {
  return `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
}

/**
 * The environment a stranger's shell would have: without pnpm's and npm's per-script settings, the
 * workspace's tool folders or any GenHub setting of this machine.
 */
function strangerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(npm_|pnpm_|genhub_)/i.test(name)) env[name] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => !resolve(dir).startsWith(ROOT))
    .join(delimiter);
  return { ...env, ...extra };
}

/** Runs a command and returns its standard output; a failure throws with everything it printed. */
function run(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { cwd: string; timeoutMs?: number },
): Promise<string> {
  const shown = [command === process.execPath ? 'node' : command, ...args].join(' ');
  return new Promise((done, fail) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    const timeoutMs = options.timeoutMs ?? 3 * MINUTE;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      fail(new CommandFailed(`${shown} could not start (${error.message}).`, output));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return done(stdout);
      const why =
        signal === 'SIGKILL' ? `was stopped after ${timeoutMs / 1000} s` : `exited with ${code ?? signal}`;
      fail(new CommandFailed(`${shown} ${why} in ${options.cwd}.`, output));
    });
  });
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Runs one step, printing its time; a failure names the step. */
async function step<T>(title: string, action: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  try {
    const result = await action();
    console.log(`ok    ${title} (${seconds(started)})`);
    return result;
  } catch (error) {
    console.error(`FAIL  ${title} (${seconds(started)})`);
    throw error;
  }
}

function check(condition: boolean, failure: string): asserts condition {
  if (!condition) throw new Error(failure);
}

/** Every file under a folder. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** The file paths an `exports` map points at. */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (typeof exports !== 'object' || exports === null) return [];
  return Object.values(exports).flatMap(exportTargets);
}

/** What is wrong with one unpacked package, as a user installing it from npm would find it. */
function packageProblems(name: string, dir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
  const problems: string[] = [];
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dependency, range] of Object.entries((manifest[field] ?? {}) as Record<string, string>)) {
      if (range.startsWith('workspace:')) problems.push(`${field}.${dependency} is "${range}"`);
    }
  }
  if (JSON.stringify(manifest.exports ?? {}).includes('@genhub/source')) {
    problems.push('exports keep the @genhub/source condition, which points at sources');
  }
  if (manifest.publishConfig?.access !== 'public') problems.push('publishConfig.access is not "public"');
  if (!manifest.license) problems.push('no license');
  if (!manifest.repository) problems.push('no repository');
  for (const file of ['LICENSE', 'README.md']) if (!existsSync(join(dir, file))) problems.push(`no ${file}`);
  for (const target of [...exportTargets(manifest.exports), ...Object.values(manifest.bin ?? {})]) {
    if (!existsSync(join(dir, target))) problems.push(`${target} is named in the manifest but not packed`);
  }
  for (const map of filesUnder(dir).filter((file) => file.endsWith('.map'))) {
    const { sources, sourceRoot = '' } = JSON.parse(readFileSync(map, 'utf8')) as {
      sources: string[];
      sourceRoot?: string;
    };
    for (const source of sources) {
      if (!existsSync(resolve(dirname(map), sourceRoot, source))) {
        problems.push(`${relative(dir, map)} points at ${source}, which is not packed`);
      }
    }
  }
  return problems.map((problem) => `${name}: ${problem}`);
}

/** Unpacks every tarball into `into/<name>` and checks it; returns the folders. */
async function unpackAndCheck(
  tarballs: ReadonlyMap<string, string>,
  into: string,
): Promise<Map<string, string>> {
  const folders = new Map<string, string>();
  const problems: string[] = [];
  for (const [name, tarball] of tarballs) {
    const dir = join(into, name.replace('/', '+'));
    mkdirSync(dir, { recursive: true });
    await run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1'], { cwd: into });
    problems.push(...packageProblems(name, dir));
    folders.set(name, dir);
  }
  const shown = problems.slice(0, 30).map((problem) => `  ${problem}`);
  if (problems.length > 30) shown.push(`  ... and ${problems.length - 30} more`);
  check(problems.length === 0, `The packed packages are not fit to publish:\n${shown.join('\n')}`);
  return folders;
}

/**
 * Points the scaffold's @genhub dependencies, direct and indirect, at the tarballs (`file:` specs,
 * and npm `overrides` for the ones other packages depend on); everything else comes from npm.
 */
function useTarballs(pluginDir: string, tarballs: ReadonlyMap<string, string>): void {
  const path = join(pluginDir, 'package.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  const overrides: Record<string, string> = {};
  for (const [name, tarball] of tarballs) {
    if (!name.startsWith('@genhub/')) continue;
    let direct = false;
    for (const field of ['dependencies', 'devDependencies']) {
      const dependencies = manifest[field] as Record<string, string>;
      if (dependencies[name] === undefined) continue;
      dependencies[name] = `file:${tarball}`;
      direct = true;
    }
    // npm wants an override of a direct dependency to be a reference to it.
    overrides[name] = direct ? `$${name}` : `file:${tarball}`;
  }
  manifest.overrides = overrides;
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const temp = mkdtempSync(join(tmpdir(), 'genhub-packages-'));
  check(
    relative(ROOT, temp).startsWith('..'),
    `${temp} is inside the workspace; set TMPDIR to a folder outside it.`,
  );
  let fake: Awaited<ReturnType<ScaffoldFake['startFakeApi']>> | undefined;
  try {
    const packages = libraries();
    const packs = join(temp, 'packs');
    await step(`build ${packages.length} library packages and the apps (turbo)`, () =>
      run('pnpm', ['run', 'build'], { cwd: ROOT, timeoutMs: 10 * MINUTE }),
    );
    await step('pnpm pack each of them', () =>
      run(
        'pnpm',
        [...packages.flatMap(({ name }) => ['--filter', name]), 'pack', '--pack-destination', packs],
        {
          cwd: ROOT,
          timeoutMs: 5 * MINUTE,
        },
      ),
    );
    const tarballs = new Map(packages.map((library) => [library.name, join(packs, tarballName(library))]));
    const unpacked = await step('check the packed manifests, files and source maps', () =>
      unpackAndCheck(tarballs, join(temp, 'unpacked')),
    );

    const work = join(temp, 'work');
    mkdirSync(work);
    const scaffolder = join(unpacked.get('create-genhub-plugin')!, 'dist/cli.js');
    const printed = await step(`create-genhub-plugin ${PLUGIN}, from its tarball, in ${work}`, () =>
      run(process.execPath, [scaffolder, PLUGIN], { cwd: work, env: strangerEnv() }),
    );
    check(
      printed.includes(`GENHUB_PLUGINS=${PLUGIN} genhub models`),
      `create-genhub-plugin did not print how to load the plugin; it printed:\n${printed}`,
    );
    const plugin = join(work, PLUGIN);
    const inPlugin = { cwd: plugin, env: strangerEnv() };
    await step('point its @genhub dependencies at the tarballs', () => useTarballs(plugin, tarballs));
    await step('npm install', () =>
      run('npm', ['install', '--no-audit', '--no-fund'], { ...inPlugin, timeoutMs: 6 * MINUTE }),
    );
    await step('npm run typecheck', () => run('npm', ['run', 'typecheck'], inPlugin));
    await step('npm test (the conformance suite)', () => run('npm', ['test'], inPlugin));
    await step('npm run build', () => run('npm', ['run', 'build'], inPlugin));

    const fakeModule = (await import(pathToFileURL(join(plugin, 'test/fake-api.ts')).href)) as ScaffoldFake;
    fake = await step("start the scaffold's fake API", () => fakeModule.startFakeApi());
    const fakeUrl = fake.url;
    writeFileSync(
      join(plugin, 'genhub.config.json'),
      `${JSON.stringify({ plugins: [PLUGIN], trustedOrigins: [fakeUrl] }, null, 2)}\n`,
    );
    const genhub = (...args: string[]) =>
      run(process.execPath, [GENHUB, ...args], {
        cwd: plugin,
        env: strangerEnv({ GENHUB_PROOF_API_KEY: fakeModule.FAKE_API_KEY, GENHUB_PROOF_BASE_URL: fakeUrl }),
      });

    await step(`genhub models lists ${MODEL}`, async () => {
      const listed = JSON.parse(await genhub('models', '--json')) as { models: Array<{ id: string }> };
      const ids = listed.models.map((model) => model.id);
      check(
        ids.includes(MODEL),
        `genhub models did not list ${MODEL}; it listed ${ids.join(', ') || 'nothing'}.`,
      );
    });
    await step('genhub credits grant console 1', () => genhub('credits', 'grant', 'console', '1'));
    await step(`genhub generate text-to-image runs on ${MODEL} and saves its PNG`, async () => {
      const saved = (await genhub('generate', 'text-to-image', 'a lighthouse at dusk')).trim().split('\n');
      check(
        saved.length === 1 && existsSync(saved[0]!),
        `genhub generate printed no saved file: ${saved.join(' ')}`,
      );
      const png = readFileSync(saved[0]!).subarray(0, 4).toString('latin1');
      check(png === '\x89PNG', `genhub generate saved ${saved[0]}, which is not the fake's PNG.`);
      const submits = fake!.server.callsTo('POST /v1/images').length;
      check(submits === 1, `the scaffold's fake API received ${submits} submits instead of 1.`);
    });
    rmSync(temp, { recursive: true, force: true });
    console.log(
      `Packages installed from their tarballs and the scaffolded plugin ran in genhub (${seconds(started)}).`,
    );
  } catch (error) {
    if (error instanceof CommandFailed) {
      const lines = error.output.trimEnd().split('\n');
      const tail =
        lines.length > 300 ? [`... (${lines.length - 300} lines above)`, ...lines.slice(-300)] : lines;
      console.error(`${error.message} It printed:\n${tail.join('\n')}`);
    } else {
      console.error(error instanceof Error ? error.message : String(error));
    }
    console.error(`The files are left in ${temp}.`);
    process.exitCode = 1;
  } finally {
    await fake?.close();
  }
}

await main();
