import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenHub, type GenHub, SAFETY_LEVELS, safetyControlsOf, silentLogger } from '@genhub/core';
import { placeholderEnv } from '@genhub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledPlugins } from './bundled-plugins.js';
import { safetyTable } from './safety-table.js';

let genhub: GenHub;

beforeAll(async () => {
  const env = { ...placeholderEnv(bundledPlugins), GENHUB_GATEAI_CATALOGUE: 'bundled' };
  const dataDir = mkdtempSync(join(tmpdir(), 'genhub-safety-table-'));
  genhub = await createGenHub({ dataDir }, { plugins: bundledPlugins, env, logger: silentLogger });
}, 60_000);
afterAll(() => genhub?.close());

describe('the safety controls of the bundled providers', () => {
  it('each take, at every level, a value their own schema accepts', () => {
    const models = genhub.registry.list({});
    let checked = 0;
    for (const model of models) {
      const shape = model.params.shape as Record<string, { safeParse(value: unknown): { success: boolean } }>;
      for (const { param, values } of safetyControlsOf(model)) {
        for (const level of SAFETY_LEVELS) {
          expect(shape[param]?.safeParse(values[level]).success, `${model.id} ${param} at ${level}`).toBe(
            true,
          );
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('are tabled per provider for the README, with the providers that have none', () => {
    const table = safetyTable(genhub.registry.list({}));
    expect(table).toMatch(/^\| models \| parameter \| strict \| standard \| mature \|/);
    expect(table).toContain('| `safetyTolerance` | `0` | `2` | `5` |');
    expect(table).toContain('| `moderation` | `"auto"` | `"auto"` | `"low"` |');
    expect(table).toMatch(/No safety controls: .*ideogram \(\d+\)/);
  });
});
