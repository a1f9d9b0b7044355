import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testServiceUrl } from '@genhub/testkit';
import { describe, expect, it } from 'vitest';
import { cleanEnv, runGenhub, tempDir } from './cli-helpers.js';

const endpoint = testServiceUrl('s3');

describe.runIf(endpoint)('genhub generate with results in a bucket', () => {
  const bucket = process.env.GENHUB_TEST_S3_BUCKET ?? 'genhub-test';
  const credentials = {
    accessKeyId: process.env.GENHUB_TEST_S3_ACCESS_KEY_ID ?? 'S3RVER',
    secretAccessKey: process.env.GENHUB_TEST_S3_SECRET_ACCESS_KEY ?? 'S3RVER',
  };

  // The saved file can only have come from the bucket: nothing is stored in the data folder.
  // (The bucket's own keys, types and checksums are checked in @genhub/artifacts-s3's tests.)
  it('stores the result in the bucket, not in the data folder, and saves it from there', async () => {
    const cwd = tempDir();
    const dataDir = join(cwd, 'data');
    const out = join(cwd, 'out');
    const { code, stdout, stderr } = await runGenhub(
      ['generate', 'speak', 'hello from the bucket', '--out', out, '--json'],
      cwd,
      cleanEnv(dataDir, {
        GENHUB_S3_BUCKET: bucket,
        GENHUB_S3_ENDPOINT: endpoint as string,
        GENHUB_S3_FORCE_PATH_STYLE: 'true',
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      }),
    );
    expect(stderr).not.toContain(credentials.secretAccessKey);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { jobId: string; files: string[] };
    expect(result.files).toHaveLength(1);
    const saved = readFileSync(result.files[0] as string);
    expect(saved.subarray(0, 4).toString()).toBe('RIFF');
    expect(existsSync(join(dataDir, 'artifacts'))).toBe(false);
  }, 120_000);
});
