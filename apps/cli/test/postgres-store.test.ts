import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { testServiceUrl } from '@genhub/testkit';
import { describe, expect, it } from 'vitest';
import { cleanEnv, runGenhub, tempDir } from './cli-helpers.js';

const url = testServiceUrl('postgres');

describe('genhub on PostgreSQL (GENHUB_DATABASE_URL)', () => {
  it('doctor names an unreachable database in one sentence, without its password', async () => {
    const cwd = tempDir();
    const { code, stdout, stderr } = await runGenhub(
      ['doctor'],
      cwd,
      cleanEnv(join(cwd, 'data'), {
        GENHUB_DATABASE_URL: 'postgres://genhub:s3cret-pass@127.0.0.1:1/genhub',
      }),
    );
    expect(code).toBe(1);
    expect(stdout).toContain(
      'problem: Could not open the PostgreSQL database postgres://genhub@127.0.0.1:1/genhub: the connection was refused; check GENHUB_DATABASE_URL and that the server is running.',
    );
    expect(stdout + stderr).not.toContain('s3cret-pass');
  }, 120_000);

  describe.runIf(url)('with a server', () => {
    it('keeps credits in the database, not in the data folder, and doctor follows its migrations', async () => {
      const cwd = tempDir();
      const dataDir = join(cwd, 'data');
      const schema = `genhub_cli_${randomBytes(6).toString('hex')}`;
      const env = cleanEnv(dataDir, { GENHUB_DATABASE_URL: url ?? '', GENHUB_DATABASE_SCHEMA: schema });
      const password = new URL(url ?? '').password;

      const before = await runGenhub(['doctor'], cwd, env);
      expect(before.stdout).toMatch(
        /problem: The database postgres:\/\/\S+ has 0 of \d+ migrations; run genhub start once/,
      );

      expect((await runGenhub(['credits', 'grant', 'alice', '2'], cwd, env)).code).toBe(0);
      const shown = await runGenhub(['credits', 'show', 'alice'], cwd, env);
      expect(shown.code).toBe(0);
      expect(shown.stdout).toContain('2.00');
      expect(existsSync(join(dataDir, 'genhub.db'))).toBe(false);

      const after = await runGenhub(['doctor'], cwd, env);
      expect(after.stdout).toMatch(
        new RegExp(
          `Store: ok \\(PostgreSQL postgres://\\S+, schema ${schema}, \\d+ migrations applied\\)\\.`,
        ),
      );
      if (password) expect(before.stdout + after.stdout + shown.stdout).not.toContain(password);
    }, 300_000);
  });
});
