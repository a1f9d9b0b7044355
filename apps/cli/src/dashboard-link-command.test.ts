import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenHub, silentLogger } from '@genhub/core';
import { createDashboard } from '@genhub/dashboard';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dashboardLink } from './dashboard-link-command.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('genhub dashboard-link', () => {
  it('prints a link whose token the store holds, once, for a server in another process', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'genhub-dashboard-link-'));
    vi.stubEnv('GENHUB_DATA_DIR', dataDir);
    vi.stubEnv('GENHUB_HTTP_PORT', '9123');
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => printed.push(line));
    vi.spyOn(console, 'error').mockImplementation(() => {});

    expect(await dashboardLink([])).toBe(0);
    const link = new URL(printed[0] ?? '');
    expect(link.origin).toBe('http://127.0.0.1:9123');
    expect(link.pathname).toBe('/login');

    // Another GenHub on the same data folder (as `genhub start` would be) accepts it once.
    const genhub = await createGenHub({ dataDir }, { plugins: [], logger: silentLogger });
    const dashboard = createDashboard(genhub);
    try {
      const answers: number[] = [];
      for (let i = 0; i < 2; i++) {
        answers.push(
          await new Promise<number>((resolve) => {
            const response = {
              headersSent: false,
              writeHead: (status: number) => resolve(status),
              end: () => {},
            };
            const request = {
              url: `${link.pathname}${link.search}`,
              method: 'GET',
              headers: { host: '127.0.0.1:9123' },
              socket: { remoteAddress: '127.0.0.1' },
            };
            dashboard.handle(request as never, response as never);
          }),
        );
      }
      expect(answers).toEqual([303, 401]);
    } finally {
      dashboard.close();
      await genhub.close();
    }
  });

  it('refuses a --url that is not an origin', async () => {
    await expect(dashboardLink(['--url', 'not a url'])).rejects.toThrow(/--url takes the address/);
  });
});
