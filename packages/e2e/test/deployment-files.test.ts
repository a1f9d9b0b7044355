import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { CORE_ENV_VARS, loadConfig } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Docker cannot build or run here: these tests check what can be checked without it, that the
// Dockerfile and compose.yaml agree with the repository (its scripts, packages and settings).

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const rootPackage = JSON.parse(read('package.json')) as {
  scripts: Record<string, string>;
  packageManager: string;
};
const cliPackage = JSON.parse(read('apps/cli/package.json')) as { name: string; bin: Record<string, string> };

/** Settings the scale-out work adds beside core's config table, and the CLI's own variables. */
const OTHER_VARIABLES = new Set([
  'GENHUB_DATABASE_URL',
  'GENHUB_REDIS_URL',
  'GENHUB_HTTP_PORT',
  'GENHUB_HTTP_HOST',
]);
const KNOWN_VARIABLES = new Set([...Object.values(CORE_ENV_VARS), ...OTHER_VARIABLES]);

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function dockerfile(): Instruction[] {
  return read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

/** The instructions of each stage, by stage name. */
function stages(): Map<string, Instruction[]> {
  const byStage = new Map<string, Instruction[]>();
  let current: Instruction[] | undefined;
  for (const instruction of dockerfile()) {
    if (instruction.keyword === 'FROM') {
      const name = /\bAS\s+(\S+)$/i.exec(instruction.args)?.[1] ?? `stage${byStage.size}`;
      current = [];
      byStage.set(name, current);
    }
    current?.push(instruction);
  }
  return byStage;
}

interface ComposeService {
  build?: unknown;
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition: string }>;
  entrypoint?: string[];
}

const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, ComposeService> };
const genhubServices = Object.entries(compose.services).filter(([, service]) => service.build !== undefined);

/** A compose value with `${NAME:-default}` replaced by its default, as compose does when NAME is unset. */
const withDefaults = (value: string) => value.replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1');

describe('Dockerfile', () => {
  const byStage = stages();
  const runtime = [...byStage.values()].at(-1) ?? [];
  const build = byStage.get('build') ?? [];

  it('builds in one stage with pnpm and runs in another, from the same Node image', () => {
    expect(byStage.size).toBeGreaterThanOrEqual(2);
    const images = [...byStage.values()].map((stage) => stage[0]?.args.split(/\s+/)[0]);
    expect(new Set(images).size).toBe(1);
    expect(rootPackage.packageManager).toMatch(/^pnpm@/);
    expect(build.some((i) => i.keyword === 'RUN' && i.args.includes('corepack enable'))).toBe(true);
  });

  it("runs only the repository's own pnpm commands, on packages that exist", () => {
    const runs = build.filter((i) => i.keyword === 'RUN' && i.args.startsWith('pnpm ')).map((i) => i.args);
    expect(runs).toContain('pnpm install --frozen-lockfile');
    for (const run of runs) {
      const words = run.split(/\s+/).slice(1);
      const filter = words.indexOf('--filter');
      if (filter !== -1) expect(words[filter + 1]?.replace(/\.\.\.$/, '')).toBe(cliPackage.name);
      const command = words.filter((word, i) => !word.startsWith('-') && words[i - 1] !== '--filter')[0];
      if (!['install', 'deploy', 'exec'].includes(command!))
        expect(rootPackage.scripts).toHaveProperty(command!);
    }
    expect(runs.some((run) => /\bdeploy\b/.test(run) && run.includes('--prod'))).toBe(true);
    // The build ./scripts/start runs before `genhub start`.
    const startBuild = /turbo run build --filter \S+/.exec(read('scripts/start'))?.[0];
    expect(startBuild).toBeDefined();
    expect(runs).toContain(`pnpm exec ${startBuild}`);
  });

  it('copies only the built application into the runtime stage and runs it as a non-root user', () => {
    const copies = runtime.filter((i) => i.keyword === 'COPY');
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(copy.args).toMatch(/^--from=build\b/);
    const user = runtime.filter((i) => i.keyword === 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
  });

  it('starts `genhub start` from the CLI package and checks /healthz', () => {
    const entrypoint = JSON.parse(runtime.find((i) => i.keyword === 'ENTRYPOINT')?.args ?? '[]') as string[];
    const binary = cliPackage.bin.genhub?.replace(/^\.\//, '');
    expect(entrypoint).toEqual(['node', `/app/${binary}`]);
    expect(existsSync(new URL(`apps/cli/${binary}`, root))).toBe(true);
    expect(JSON.parse(runtime.find((i) => i.keyword === 'CMD')?.args ?? '[]')).toEqual(['start']);
    const healthcheck = runtime.find((i) => i.keyword === 'HEALTHCHECK')?.args ?? '';
    expect(healthcheck).toContain('/healthz');
    expect(healthcheck).toContain('GENHUB_HTTP_PORT');
  });

  it('sets only GenHub variables that exist', () => {
    const env = runtime
      .filter((i) => i.keyword === 'ENV')
      .map((i) => i.args)
      .join(' ');
    const names = env.match(/GENHUB_[A-Z0-9_]+/g) ?? [];
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(KNOWN_VARIABLES).toContain(name);
  });

  it('leaves installs and local data out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const path of ['**/node_modules', '.tools', '.git', '**/.genhub']) expect(ignored).toContain(path);
  });
});

describe('compose.yaml', () => {
  const services = compose.services;

  it('runs one bot and two workers of the built image beside PostgreSQL, Redis and MinIO', () => {
    expect(services.bot?.command).toEqual(['start', '--role', 'bot']);
    expect(services.bot?.deploy?.replicas ?? 1).toBe(1);
    expect(services.worker?.command).toEqual(['start', '--role', 'worker']);
    expect(services.worker?.deploy?.replicas).toBe(2);
    expect(genhubServices.map(([name]) => name).sort()).toEqual(['bot', 'worker']);
    expect(services.postgres?.image).toMatch(/^postgres:/);
    expect(services.redis?.image).toMatch(/^redis:/);
    expect(services.minio?.image).toMatch(/^minio\/minio/);
    for (const [, service] of genhubServices) {
      expect(service.depends_on?.postgres?.condition).toBe('service_healthy');
      expect(service.depends_on?.redis?.condition).toBe('service_healthy');
    }
  });

  it('gives every GenHub process only variables that exist, forming a valid configuration', () => {
    for (const [name, service] of genhubServices) {
      const environment = Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([key, value]) => [key, withDefaults(String(value))]),
      );
      for (const key of Object.keys(environment).filter((key) => key.startsWith('GENHUB_'))) {
        expect(KNOWN_VARIABLES, `${name}: ${key}`).toContain(key);
      }
      const coreOnly = Object.fromEntries(
        Object.entries(environment).filter(([key]) => !OTHER_VARIABLES.has(key)),
      );
      const config = loadConfig({ env: coreOnly, cwd: tmpdir() });
      expect(config.s3).toMatchObject({
        bucket: 'genhub',
        endpoint: 'http://minio:9000',
        forcePathStyle: true,
      });
    }
  });

  it('wires the same database, bucket and credentials on both sides', () => {
    const environment = services.bot?.environment ?? {};
    const postgres = services.postgres?.environment ?? {};
    const database = new URL(environment.GENHUB_DATABASE_URL ?? '');
    expect([database.hostname, database.username, database.password, database.pathname]).toEqual([
      'postgres',
      postgres.POSTGRES_USER,
      postgres.POSTGRES_PASSWORD,
      `/${postgres.POSTGRES_DB}`,
    ]);
    expect(new URL(environment.GENHUB_REDIS_URL ?? '').hostname).toBe('redis');
    const minio = services.minio?.environment ?? {};
    expect(environment.AWS_ACCESS_KEY_ID).toBe(minio.MINIO_ROOT_USER);
    expect(environment.AWS_SECRET_ACCESS_KEY).toBe(minio.MINIO_ROOT_PASSWORD);
    const makeBucket = services['minio-bucket']?.entrypoint?.join(' ') ?? '';
    expect(makeBucket).toContain(`local/${environment.GENHUB_S3_BUCKET}`);
    expect(makeBucket).toContain(`${minio.MINIO_ROOT_USER} ${minio.MINIO_ROOT_PASSWORD}`);
  });
});
