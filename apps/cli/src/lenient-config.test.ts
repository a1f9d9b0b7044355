import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigLeniently } from './lenient-config.js';

function folderWith(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'genhub-lenient-'));
  writeFileSync(
    join(dir, 'genhub.config.json'),
    typeof config === 'string' ? config : JSON.stringify(config),
  );
  return dir;
}

describe('loadConfigLeniently', () => {
  it('loads a valid configuration as it is', () => {
    const cwd = folderWith({ jobs: { concurrency: 3 } });
    const result = loadConfigLeniently({ env: {}, cwd });
    expect(result.issues).toEqual([]);
    expect(result.fallback).toBeUndefined();
    expect(result.config.jobs.concurrency).toBe(3);
  });

  it('resets only the bad keys, keeping their neighbours', () => {
    const cwd = folderWith({ jobs: { concurrency: 3 }, http: { retries: 1 } });
    const result = loadConfigLeniently({
      env: { GENHUB_JOBS_DEADLINE_MINUTES: 'soon', GENHUB_LOG_LEVEL: 'loud' },
      cwd,
    });
    expect(result.issues.map((issue) => `${issue.key} ${issue.env}`)).toEqual([
      'logLevel GENHUB_LOG_LEVEL',
      'jobs.deadlineMinutes GENHUB_JOBS_DEADLINE_MINUTES',
    ]);
    expect(result.fallback).toBe('those settings at their defaults');
    expect(result.config).toMatchObject({
      logLevel: 'info',
      jobs: { concurrency: 3, deadlineMinutes: 40 },
      http: { retries: 1 },
    });
  });

  it('resets the section of a malformed provider entry or an unknown key in a section', () => {
    const cwd = folderWith({ providers: { gateai: 'sk-1', ainative: { apiKey: 'a' } }, http: { retrys: 1 } });
    const result = loadConfigLeniently({ env: { GENHUB_DATA_DIR: '/tmp/x' }, cwd });
    expect(result.issues.map((issue) => issue.key).sort()).toEqual(['http', 'providers.gateai']);
    expect(result.fallback).toBe('the http and providers sections at their defaults');
    expect(result.config.providers).toEqual({});
    expect(result.config.dataDir).toBe('/tmp/x');
  });

  it('falls back to the environment when the file is unusable or has an unknown top-level key', () => {
    for (const file of ['{ not json', { dataDir: '/from/file', tpyo: 1 }]) {
      const result = loadConfigLeniently({ env: { GENHUB_DATA_DIR: '/from/env' }, cwd: folderWith(file) });
      expect(result.issues).toHaveLength(1);
      expect(result.fallback).toBe('the environment only (no config file), those settings at their defaults');
      expect(result.config.dataDir).toBe('/from/env');
    }
  });

  it('ignores GENHUB_CONFIG in the fallback when the file it names cannot be read', () => {
    const result = loadConfigLeniently({ env: { GENHUB_CONFIG: '/no/such/genhub.json' }, cwd: tmpdir() });
    expect(result.issues[0]).toMatchObject({ key: '(file)', env: 'GENHUB_CONFIG' });
    expect(result.config.dataDir).toBe('.genhub');
  });
});
