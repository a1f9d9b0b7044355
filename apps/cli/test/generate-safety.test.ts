import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, FAKE_PLUGIN, runGenhub, tempDir } from './cli-helpers.js';

const SENTENCE = 'That request contains something this bot does not allow; rephrase it and try again.';

describe('genhub generate and the installation blocklist', () => {
  it('refuses a blocked word however it is written, moving no money; a clean prompt still runs', async () => {
    const cwd = tempDir('genhub-cli-safety-');
    writeFileSync(
      join(cwd, 'genhub.config.json'),
      JSON.stringify({ jobs: { pollInitialMs: 20, pollMaxMs: 50 } }),
    );
    const env = cleanEnv(join(cwd, 'data'), {
      GENHUB_PLUGINS: FAKE_PLUGIN,
      GENHUB_BLOCKED_TERMS: 'bad,nud*',
    });
    const genhub = (...args: string[]) => runGenhub(args, cwd, env);

    expect((await genhub('credits', 'grant', 'console', '1')).code).toBe(0);
    const prompts = ['a BAD dog', 'a b.a d dog', 'Nudity'];
    const refusals = await Promise.all(prompts.map((prompt) => genhub('generate', 'imagine', prompt)));
    for (const refused of refusals) {
      expect(refused).toMatchObject({ code: 2, stdout: '' });
      expect(refused.stderr.trim()).toBe(SENTENCE);
    }
    const credits = (await genhub('credits', 'show', 'console')).stdout;
    expect(credits).toMatch(/^console: \$1\.00 available\.\n/);
    expect(credits).not.toMatch(/reserve/);
    expect((await genhub('jobs')).stdout).not.toMatch(/imagine|text-to-image/);

    const clean = await genhub('generate', 'imagine', 'a badger');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/\.png\n$/);
  }, 300_000);
});
