// PostgreSQL and Redis for a benchmark: the ones GENHUB_TEST_POSTGRES_URL and GENHUB_TEST_REDIS_URL
// name, else private ones started for the run with scripts/services/*.sh and stopped after it.
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const SCRIPTS = fileURLToPath(new URL('../../../../scripts/services/', import.meta.url));
/** Starting may install Debian's packages first. */
const START_TIMEOUT_MS = 300_000;

export interface BenchServices {
  postgresUrl: string;
  redisUrl: string;
  /** Where each came from, for the report: "GENHUB_TEST_POSTGRES_URL" or "started for this run". */
  origin: { postgres: string; redis: string };
  /** Stops what was started for the run; synchronous, so it also works in an `exit` handler. */
  stop(): void;
}

const SERVICES = [
  { name: 'postgres', label: 'PostgreSQL', variable: 'GENHUB_TEST_POSTGRES_URL' },
  { name: 'redis', label: 'Redis', variable: 'GENHUB_TEST_REDIS_URL' },
] as const;

/** The services, or why they could not be had (a sentence). */
export async function benchServices(): Promise<BenchServices | { unavailable: string }> {
  const given = (variable: string) => process.env[variable]?.trim() || undefined;
  const missing = SERVICES.filter((service) => given(service.variable) === undefined);
  const dir = missing.length > 0 ? mkdtempSync(join(tmpdir(), 'genhub-bench-services-')) : undefined;
  // PostgreSQL runs as the postgres user when we are root; it must reach its folder inside this one.
  if (dir) chmodSync(dir, 0o755);
  const env = dir
    ? { ...process.env, GENHUB_SERVICES_DIR: dir, GENHUB_POSTGRES_STATE_DIR: join(dir, 'postgres') }
    : process.env;
  const started: string[] = [];
  let stopped = false;
  const stop = () => {
    if (stopped || !dir) return;
    stopped = true;
    for (const name of started.toReversed()) {
      spawnSync('bash', [join(SCRIPTS, `${name}.sh`), 'stop'], { env, stdio: 'ignore', timeout: 60_000 });
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const urls: Record<string, string> = {};
  for (const service of SERVICES) {
    const url = given(service.variable);
    if (url !== undefined) {
      urls[service.variable] = url;
      continue;
    }
    try {
      const { stdout } = await promisify(execFile)('bash', [join(SCRIPTS, `${service.name}.sh`), 'start'], {
        env,
        timeout: START_TIMEOUT_MS,
      });
      started.push(service.name);
      const line = stdout.split('\n').find((l) => l.startsWith(`${service.variable}=`));
      if (line === undefined)
        throw new Error(`scripts/services/${service.name}.sh printed no ${service.variable}`);
      urls[service.variable] = line.slice(service.variable.length + 1).trim();
    } catch (error) {
      // The script may have half-started it.
      if (!started.includes(service.name)) started.push(service.name);
      stop();
      return { unavailable: `${service.label} could not be started (${lastLine(error)})` };
    }
  }
  const origin = (variable: string) => (given(variable) === undefined ? 'started for this run' : variable);
  return {
    postgresUrl: urls.GENHUB_TEST_POSTGRES_URL!,
    redisUrl: urls.GENHUB_TEST_REDIS_URL!,
    origin: { postgres: origin('GENHUB_TEST_POSTGRES_URL'), redis: origin('GENHUB_TEST_REDIS_URL') },
    stop,
  };
}

/** The last thing a failed script said, or the error's own message. */
function lastLine(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr?.trim();
  const said = stderr?.split('\n').at(-1);
  return said || (error instanceof Error ? error.message : String(error));
}
