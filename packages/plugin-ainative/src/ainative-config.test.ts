import { ConfigError, createGenHub, providerEnvName, silentLogger } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { AiNativeDefaults, ainativeConfig } from './ainative-config.js';
import { ainativePlugin } from './ainative-plugin.js';

describe('AINative configuration', () => {
  it('reads GENHUB_AINATIVE_API_KEY, GENHUB_AINATIVE_BASE_URL and GENHUB_AINATIVE_USD_PER_CREDIT', () => {
    expect(
      ['apiKey', 'baseUrl', 'usdPerCredit'].map((key) => providerEnvName(ainativePlugin.id, key)),
    ).toEqual(['GENHUB_AINATIVE_API_KEY', 'GENHUB_AINATIVE_BASE_URL', 'GENHUB_AINATIVE_USD_PER_CREDIT']);
  });

  it("defaults to the user guide's base URL and 1 credit = $0.0005", () => {
    expect(ainativeConfig.parse({ apiKey: 'key-123456' })).toEqual({
      apiKey: 'key-123456',
      baseUrl: 'https://api.ainative.studio/api/v1/multimodal',
      usdPerCredit: 0.0005,
    });
    expect(AiNativeDefaults.baseUrl).toBe('https://api.ainative.studio/api/v1/multimodal');
    expect(ainativeConfig.parse({ apiKey: 'k', usdPerCredit: '0.001' }).usdPerCredit).toBe(0.001);
  });

  it('refuses a base URL that is not http(s) and a rate that is not positive', () => {
    expect(ainativeConfig.safeParse({ apiKey: 'k', baseUrl: 'ftp://x' }).success).toBe(false);
    expect(ainativeConfig.safeParse({ apiKey: 'k', usdPerCredit: '0' }).success).toBe(false);
  });

  it('names the missing key variable when GenHub starts', async () => {
    const started = createGenHub(
      { dataDir: '/nonexistent/genhub' },
      {
        plugins: [ainativePlugin],
        env: { GENHUB_AINATIVE_BASE_URL: 'https://example.com' },
        logger: silentLogger,
      },
    );
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toMatchObject({
      issues: [expect.objectContaining({ env: 'GENHUB_AINATIVE_API_KEY' })],
    });
  });
});
