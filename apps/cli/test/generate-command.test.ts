import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, FAKE_PLUGIN, runGenhub, tempDir } from './cli-helpers.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// One store for the whole story: no credits, a grant, generations that succeed, fail and are
// cancelled, then what jobs, usage and credits say about them. The tests run in order.
describe('genhub generate, jobs, usage and credits on one store', () => {
  let cwd: string;
  let env: NodeJS.ProcessEnv;
  const genhub = (...args: string[]) => runGenhub(args, cwd, env);
  const ids: Record<'image' | 'failed' | 'cancelled', string> = { image: '', failed: '', cancelled: '' };
  const jobId = (stderr: string) => /^Job (\w+) on /m.exec(stderr)?.[1] ?? '';

  beforeAll(() => {
    cwd = tempDir();
    // Poll the fake provider every 20 ms rather than every second.
    writeFileSync(
      join(cwd, 'genhub.config.json'),
      JSON.stringify({ jobs: { pollInitialMs: 20, pollMaxMs: 50 } }),
    );
    env = cleanEnv(join(cwd, 'data'), { GENHUB_PLUGINS: FAKE_PLUGIN });
  });

  it('refuses a paid generation without credits, naming the grant command; bad --param and amounts exit 2', async () => {
    // The console user starts with nothing: no free credits, no special treatment by billing.
    expect(await genhub('credits', 'show', 'console')).toMatchObject({
      code: 0,
      stdout: 'console: $0.00 available.\n',
    });

    // Unknown names, ranges and the rest of --param are unit-tested in src/param-flags.test.ts.
    const [broke, badEnum, decimals, overdraw] = await Promise.all([
      genhub('generate', 'imagine', 'a red fox'),
      genhub('generate', 'speak', 'hello', '--model', 'fake/speech', '--param', 'voice=robot'),
      genhub('credits', 'grant', 'console', '0.0000001'),
      genhub('credits', 'grant', 'console', '-5'),
    ]);
    expect(broke.code).toBe(1);
    expect(broke.stderr.trim()).toBe(
      'You need $0.01 for this and have $0.00; add credits with "genhub credits grant console <amount-usd>".',
    );
    expect(existsSync(join(cwd, 'genhub-output'))).toBe(false);
    expect(badEnum).toMatchObject({ code: 2, stdout: '' });
    expect(badEnum.stderr.trim()).toBe('--param voice must be one of alloy, echo, nova.');
    expect(decimals.code).toBe(2);
    expect(decimals.stderr.trim()).toBe(
      '0.0000001 has more than 6 decimals; credits are counted in millionths of a dollar (0.000001).',
    );
    expect(overdraw.code).toBe(1);
    expect(overdraw.stderr).toContain('Cannot take $5.00 from console: only $0.00 is available');
    for (const result of [broke, badEnum, decimals, overdraw]) expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('grants credits, then generates: typed parameters, progress on stderr, file paths on stdout', async () => {
    const granted = await genhub('credits', 'grant', 'console', '1');
    expect(granted).toMatchObject({
      code: 0,
      stdout: 'Granted $1.00 to console; balance $1.00 available.\n',
    });

    const out = join(cwd, 'images');
    const result = await genhub(
      'generate',
      'imagine',
      'a red fox [slow:2]',
      '--param',
      'n=2',
      '--param',
      'seed=7',
      '--out',
      out,
    );
    expect(result.stderr).not.toContain('\r'); // not a terminal: one line per change
    expect(result.code).toBe(0);
    const paths = result.stdout.trim().split('\n');
    ids.image = jobId(result.stderr);
    expect(paths).toEqual([join(out, `${ids.image}-1.png`), join(out, `${ids.image}-2.png`)]);
    for (const path of paths) expect(readFileSync(path).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(result.stderr).toContain(`Job ${ids.image} on fake/image, up to $0.02.`);
    expect(result.stderr).toMatch(/^Running \[#+-+\] \d+%, about \ds left\.$/m);
    expect(result.stderr).toMatch(/^Done in \d+s for \$0\.02\.$/m);
  }, 30_000);

  it('exits 1 with the sentence when the job fails, and says the user was not charged', async () => {
    const result = await genhub('generate', 'text-to-speech', 'hello [fail]', '--model', 'fake/speech');
    ids.failed = jobId(result.stderr);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      "Failed: The provider's content rules turned this down; try rewording the prompt or using another image. You were not charged.",
    );
  });

  it('cancels the job on Ctrl-C, refunds it and exits 130', async () => {
    const child = spawn(process.execPath, [BIN, 'generate', 'imagine', 'a fox [hang]'], { cwd, env });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const until = Date.now() + 20_000;
      while (!/^Running/m.test(stderr) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(stderr).toMatch(/^Running/m);
      child.kill('SIGINT');
      expect(await exit).toBe(130);
      ids.cancelled = jobId(stderr);
      expect(stderr).toMatch(/^Cancelled\. You were not charged\.$/m);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);

  it('lists those jobs newest first, and usage and credits show what was spent', async () => {
    const [jobs, usage, credits] = await Promise.all([
      genhub('jobs'),
      genhub('usage', '--user', 'console', '--days', '7'),
      genhub('credits', 'show', 'console'),
    ]);
    expect(jobs.code).toBe(0);
    const lines = jobs.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^id\s+created \(UTC\)\s+user\s+task\s+model\s+state\s+cost$/);
    const date = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d`;
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${ids.cancelled}\\s+${date}\\s+console\\s+text-to-image\\s+fake/image\\s+cancelled\\s+\\$0\\.00$`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^${ids.failed}\\s+${date}\\s+console\\s+text-to-speech\\s+fake/speech\\s+failed\\s+\\$0\\.00$`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^${ids.image}\\s+${date}\\s+console\\s+text-to-image\\s+fake/image\\s+succeeded\\s+\\$0\\.02$`,
        ),
      ),
    ]);

    expect(usage.code).toBe(0);
    expect(usage.stdout).toMatch(/^Usage of console, last 7 days \(since .+ UTC\):$/m);
    expect(usage.stdout).toMatch(/^ {2}text-to-image\s+2\s+\$0\.02$/m);
    expect(usage.stdout).toMatch(/^ {2}text-to-speech\s+1\s+\$0\.00$/m);
    expect(usage.stdout).toMatch(/^ {2}fake\/image\s+2\s+\$0\.02$/m);
    expect(usage.stdout).toMatch(/^ {2}fake\/speech\s+1\s+\$0\.00$/m);
    expect(usage.stdout).toContain('Total: 3 jobs, $0.02 spent.');
    expect(usage.stdout).toContain('Balance of console: $0.98 available.');

    expect(credits.stdout.split('\n')[0]).toBe('console: $0.98 available.');
    expect(credits.stdout).toMatch(/^ {2}\S+ \S+\s+grant\s+\+\$1\.00\s+granted with genhub credits$/m);
    expect(credits.stdout).toMatch(
      new RegExp(`^ {2}\\S+ \\S+\\s+settle\\s+\\$0\\.00\\s+job ${ids.image}$`, 'm'),
    );
  }, 60_000);

  it('takes credits back with a negative amount and keeps community accounts apart', async () => {
    const [back, community] = await Promise.all([
      genhub('credits', 'grant', 'console', '-0.5'),
      genhub('credits', 'grant', 'guild-1', '2.5', '--community'),
    ]);
    expect(back).toMatchObject({
      code: 0,
      stdout: 'Took $0.50 back from console; balance $0.48 available.\n',
    });
    expect(community).toMatchObject({
      code: 0,
      stdout: 'Granted $2.50 to community guild-1; balance $2.50 available.\n',
    });
  }, 30_000);
});
