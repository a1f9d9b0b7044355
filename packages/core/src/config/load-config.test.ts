import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@genhub/provider';
import { describe, expect, it } from 'vitest';
import { providerEnvName, providerSettingsFromEnv } from './env-names.js';
import { loadConfig } from './load-config.js';

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

function tempFile(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'genhub-config-'));
  const file = join(dir, 'genhub.config.json');
  writeFileSync(file, content);
  return file;
}

describe('loadConfig', () => {
  it('applies defaults when nothing is configured', () => {
    const config = loadConfig({ env: {}, cwd: tmpdir() });
    expect(config.dataDir).toBe('.genhub');
    expect(config.logLevel).toBe('info');
    expect(config.http.retries).toBe(2);
    expect(config.plugins).toEqual([]);
    expect(config.shutdownSeconds).toBe(10);
  });

  it('takes the PostgreSQL database from GENHUB_DATABASE_*, SQLite in dataDir when unset', () => {
    expect(loadConfig({ env: {}, cwd: tmpdir() }).database).toEqual({ schema: 'public', poolSize: 10 });
    const env = {
      GENHUB_DATABASE_URL: 'postgres://genhub:secret@db.internal:5432/genhub',
      GENHUB_DATABASE_SCHEMA: 'bots',
      GENHUB_DATABASE_POOL_SIZE: '4',
    };
    expect(loadConfig({ env, cwd: tmpdir() }).database).toEqual({
      url: 'postgres://genhub:secret@db.internal:5432/genhub',
      schema: 'bots',
      poolSize: 4,
    });
    const bad = { GENHUB_DATABASE_URL: 'mysql://db/genhub', GENHUB_DATABASE_SCHEMA: 'Bad-Name' };
    const error = configError(() => loadConfig({ env: bad, cwd: tmpdir() }));
    expect(error.issues.map((issue) => issue.key).sort()).toEqual(['database.schema', 'database.url']);
  });

  it('takes shutdownSeconds from GENHUB_SHUTDOWN_SECONDS, and names it when it is not a positive number', () => {
    expect(loadConfig({ env: { GENHUB_SHUTDOWN_SECONDS: '2.5' }, cwd: tmpdir() }).shutdownSeconds).toBe(2.5);
    for (const bad of ['0', '-1', 'soon', '86400']) {
      const error = configError(() => loadConfig({ env: { GENHUB_SHUTDOWN_SECONDS: bad }, cwd: tmpdir() }));
      expect(error.issues).toEqual([
        { key: 'shutdownSeconds', env: 'GENHUB_SHUTDOWN_SECONDS', message: expect.any(String) },
      ]);
    }
  });

  it('lays environment variables over the file', () => {
    const file = tempFile(JSON.stringify({ logLevel: 'warn', dataDir: '/srv/genhub' }));
    const config = loadConfig({
      file,
      env: {
        GENHUB_LOG_LEVEL: 'debug',
        GENHUB_TRUSTED_ORIGINS: 'http://127.0.0.1:8188, http://gpu.lan:7860/',
        GENHUB_PLUGINS: '@acme/genhub-plugin-foo',
        GENHUB_HTTP_RETRIES: '4',
      },
    });
    expect(config.logLevel).toBe('debug');
    expect(config.dataDir).toBe('/srv/genhub');
    expect(config.trustedOrigins).toEqual(['http://127.0.0.1:8188', 'http://gpu.lan:7860']);
    expect(config.plugins).toEqual(['@acme/genhub-plugin-foo']);
    expect(config.http.retries).toBe(4);
  });

  it('names the key and its variable when a value is bad', () => {
    const error = configError(() => loadConfig({ env: { GENHUB_LOG_LEVEL: 'loud' }, cwd: tmpdir() }));
    expect(error.issues).toEqual([{ key: 'logLevel', env: 'GENHUB_LOG_LEVEL', message: expect.any(String) }]);
    expect(error.message).toContain('logLevel (GENHUB_LOG_LEVEL)');
  });

  it('reports every bad key at once, including unknown ones and bad origins', () => {
    const file = tempFile(
      JSON.stringify({ logLevl: 'info', http: { retries: -1 }, trustedOrigins: ['ftp://x'] }),
    );
    const error = configError(() => loadConfig({ file, env: {} }));
    const keys = error.issues.map((issue) => issue.key).sort();
    expect(keys).toEqual(['(root)', 'http.retries', 'trustedOrigins.0']);
    expect(error.message).toContain('unknown setting logLevl');
    expect(error.message).toContain(file);
  });

  it('caps provider answers at 128 MB unless GENHUB_HTTP_MAX_RESPONSE_MB says otherwise', () => {
    expect(loadConfig({ env: {}, cwd: tmpdir() }).http.maxResponseMegabytes).toBe(128);
    const raised = loadConfig({ env: { GENHUB_HTTP_MAX_RESPONSE_MB: '512' }, cwd: tmpdir() });
    expect(raised.http.maxResponseMegabytes).toBe(512);
    const error = configError(() => loadConfig({ env: { GENHUB_HTTP_MAX_RESPONSE_MB: '0' }, cwd: tmpdir() }));
    expect(error.issues).toEqual([
      { key: 'http.maxResponseMegabytes', env: 'GENHUB_HTTP_MAX_RESPONSE_MB', message: expect.any(String) },
    ]);
  });

  it('says so when the file is missing or not JSON', () => {
    expect(configError(() => loadConfig({ file: '/nonexistent/genhub.json', env: {} })).message).toContain(
      'cannot read /nonexistent/genhub.json',
    );
    expect(configError(() => loadConfig({ file: tempFile('{ nope'), env: {} })).message).toContain(
      'is not a JSON object',
    );
  });
});

describe('S3 settings', () => {
  it('reads the bucket from GENHUB_S3_* variables, and has none unless GENHUB_S3_BUCKET is set', () => {
    expect(loadConfig({ env: {}, cwd: tmpdir() }).s3).toBeUndefined();
    const config = loadConfig({
      env: {
        GENHUB_S3_BUCKET: 'genhub-results',
        GENHUB_S3_ENDPOINT: 'http://minio:9000',
        GENHUB_S3_PUBLIC_ENDPOINT: 'https://files.example.com',
        GENHUB_S3_REGION: 'eu-west-1',
        GENHUB_S3_FORCE_PATH_STYLE: 'true',
        GENHUB_S3_PREFIX: 'team-a/genhub',
      },
      cwd: tmpdir(),
    });
    expect(config.s3).toEqual({
      bucket: 'genhub-results',
      endpoint: 'http://minio:9000',
      publicEndpoint: 'https://files.example.com',
      region: 'eu-west-1',
      forcePathStyle: true,
      prefix: 'team-a/genhub',
    });
    const virtualHosted = loadConfig({
      env: { GENHUB_S3_BUCKET: 'genhub-results', GENHUB_S3_FORCE_PATH_STYLE: 'false' },
      cwd: tmpdir(),
    });
    expect(virtualHosted.s3).toEqual({ bucket: 'genhub-results', forcePathStyle: false });
  });

  it('names the variable of a bad setting, and refuses links longer than presigned ones can last', () => {
    const missing = configError(() => loadConfig({ env: { GENHUB_S3_REGION: 'eu-west-1' }, cwd: tmpdir() }));
    expect(missing.issues).toEqual([expect.objectContaining({ key: 's3.bucket', env: 'GENHUB_S3_BUCKET' })]);
    const endpoint = configError(() =>
      loadConfig({ env: { GENHUB_S3_BUCKET: 'results', GENHUB_S3_ENDPOINT: 'minio:9000' }, cwd: tmpdir() }),
    );
    expect(endpoint.issues).toEqual([
      expect.objectContaining({ key: 's3.endpoint', env: 'GENHUB_S3_ENDPOINT' }),
    ]);
    // A part such as `..` would be collapsed by whoever follows a result link.
    for (const prefix of ['../results', 'team-a//genhub', '/genhub', 'genhub/', 'a b']) {
      const bad = configError(() =>
        loadConfig({ env: { GENHUB_S3_BUCKET: 'results', GENHUB_S3_PREFIX: prefix }, cwd: tmpdir() }),
      );
      expect(bad.issues).toEqual([expect.objectContaining({ key: 's3.prefix', env: 'GENHUB_S3_PREFIX' })]);
    }
    const ttl = configError(() =>
      loadConfig({ env: { GENHUB_S3_BUCKET: 'results', GENHUB_LINK_TTL_HOURS: '169' }, cwd: tmpdir() }),
    );
    expect(ttl.issues).toEqual([
      {
        key: 'linkTtlHours',
        env: 'GENHUB_LINK_TTL_HOURS',
        message: 'must be at most 168 with results in S3 (presigned links last 7 days at most)',
      },
    ]);
    expect(loadConfig({ env: { GENHUB_LINK_TTL_HOURS: '169' }, cwd: tmpdir() }).linkTtlHours).toBe(169);
  });
});

describe('provider settings from the environment', () => {
  it('maps GENHUB_<ID>_<KEY> to camelCase keys of that plugin only', () => {
    const env = {
      GENHUB_GATEAI_API_KEY: 'sk-1',
      GENHUB_GATEAI_BASE_URL: 'http://127.0.0.1:9',
      GENHUB_LOCAL_GPU_BASE_URL: 'http://gpu',
      GENHUB_GATEAI_EMPTY: '',
    };
    expect(providerSettingsFromEnv('gateai', env)).toEqual({ apiKey: 'sk-1', baseUrl: 'http://127.0.0.1:9' });
    expect(providerSettingsFromEnv('local-gpu', env)).toEqual({ baseUrl: 'http://gpu' });
  });

  it('names the variable for a key', () => {
    expect(providerEnvName('gateai', 'apiKey')).toBe('GENHUB_GATEAI_API_KEY');
    expect(providerEnvName('local-gpu', 'baseUrl')).toBe('GENHUB_LOCAL_GPU_BASE_URL');
  });
});
