import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GenHubConfig } from '@genhub/core';
import { ASSETS_DIR } from '@genhub/dashboard';
import { DEFAULT_HTTP_PORT } from './http-port.js';

export interface DashboardCheck {
  /** One line about the dashboard, for `genhub doctor`. */
  line: string;
  problems: string[];
}

/**
 * Whether the dashboard's page is built, how one signs in, and whether a `genhub start` on this
 * machine answers at its address (a dashboard that does not answer is not a problem: start may not run).
 */
export async function checkDashboard(
  config: GenHubConfig,
  env: Readonly<Record<string, string | undefined>>,
  timeoutMs: number,
): Promise<DashboardCheck> {
  const problems: string[] = [];
  if (!existsSync(join(ASSETS_DIR, 'index.html')))
    problems.push('the dashboard\'s page is not built; run "pnpm --filter @genhub/dashboard build".');
  const url = `http://127.0.0.1:${env.GENHUB_HTTP_PORT || DEFAULT_HTTP_PORT}/`;
  const signIn = config.dashboard.token ? 'genhub dashboard-link or the API token' : 'genhub dashboard-link';
  const reach = config.dashboard.allowRemote ? 'open to other machines' : 'this machine only';
  let answer: string;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await response.body?.cancel();
    answer =
      response.status === 401 || response.status === 200
        ? `answers at ${url}`
        : `${url} answered ${response.status}, not the dashboard`;
  } catch {
    answer = `not running at ${url} (start it with genhub start)`;
  }
  return { line: `Dashboard: ${answer}; sign in with ${signIn}; ${reach}.`, problems };
}
