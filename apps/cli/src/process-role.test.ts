import { parseConfig } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { chooseRole } from './process-role.js';

describe('chooseRole', () => {
  it('runs everything by default, and takes --role over GENHUB_ROLE', () => {
    expect(chooseRole(undefined, parseConfig({}))).toMatchObject({ ok: true, config: { role: 'all' } });
    const redis = parseConfig({ role: 'bot', redis: { url: 'redis://127.0.0.1:6390' } });
    expect(chooseRole(undefined, redis)).toMatchObject({ ok: true, config: { role: 'bot' } });
    expect(chooseRole('worker', redis)).toMatchObject({ ok: true, config: { role: 'worker' } });
  });

  it('refuses a bot or worker without Redis, and an unknown role, in one sentence', () => {
    for (const role of ['bot', 'worker']) {
      expect(chooseRole(role, parseConfig({}))).toEqual({
        ok: false,
        sentence: `A ${role} process shares its jobs with other processes through Redis: set GENHUB_REDIS_URL, or start with --role all.`,
      });
    }
    expect(chooseRole('boss', parseConfig({}))).toEqual({
      ok: false,
      sentence: 'The role must be all, bot, worker (--role or GENHUB_ROLE).',
    });
  });
});
