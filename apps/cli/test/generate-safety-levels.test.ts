import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAKE_BFL_KEY, type FakeBflApi, startFakeBflApi } from '@genhub/plugin-bfl/test-fake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runGenhub, tempDir } from './cli-helpers.js';

// `genhub generate` runs at the operator's safety level, or at --safety, against BFL's fake.
describe('genhub generate and safety levels', () => {
  let bfl: FakeBflApi;
  let cwd: string;
  let env: NodeJS.ProcessEnv;
  const genhub = (extra: NodeJS.ProcessEnv, ...args: string[]) => runGenhub(args, cwd, { ...env, ...extra });
  const tolerances = () =>
    bfl.submits('flux-2-pro').map((call) => (call.bodyJson as Record<string, unknown>).safety_tolerance);

  beforeAll(async () => {
    bfl = await startFakeBflApi();
    bfl.plan({ pendingPolls: 0, ending: 'Ready' });
    cwd = tempDir();
    writeFileSync(
      join(cwd, 'genhub.config.json'),
      JSON.stringify({
        jobs: { pollInitialMs: 20, pollMaxMs: 50 },
        trustedOrigins: [bfl.global.url, bfl.regional.url],
      }),
    );
    env = cleanEnv(join(cwd, 'data'), { GENHUB_BFL_API_KEY: FAKE_BFL_KEY, GENHUB_BFL_BASE_URL: bfl.url });
    expect((await genhub({}, 'credits', 'grant', 'console', '20')).code).toBe(0);
  });
  afterAll(() => bfl?.close());

  it('sends the level’s value: GENHUB_SAFETY_LEVEL, then --safety over it', { timeout: 90_000 }, async () => {
    const model = ['--model', 'bfl/flux-2-pro', '--json'];
    const strict = await genhub(
      { GENHUB_SAFETY_LEVEL: 'strict' },
      'generate',
      'text-to-image',
      'a fox',
      ...model,
    );
    expect(strict.code, strict.stderr).toBe(0);
    const mature = await genhub({}, 'generate', 'text-to-image', 'a fox', ...model, '--safety', 'mature');
    expect(mature.code, mature.stderr).toBe(0);
    expect(tolerances()).toEqual([0, 5]);

    const wrong = await genhub({}, 'generate', 'text-to-image', 'a fox', ...model, '--safety', 'loose');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--safety is strict, standard, mature');
    expect(tolerances()).toHaveLength(2);
  });
});
