import { createLoginToken } from '@genhub/dashboard';
import { parseCommandLine } from './command-line.js';
import { DEFAULT_HTTP_PORT } from './http-port.js';
import { openStoreOnly } from './open-store-only.js';
import { UsageError } from './usage-error.js';

/**
 * `genhub dashboard-link [--url BASE]`: writes a single-use login token to the store, where a running
 * `genhub start` (any process on the same store) finds it, and prints the link that spends it.
 */
export async function dashboardLink(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { url: { type: 'string' } });
  if (positionals.length > 0)
    throw new UsageError(`genhub dashboard-link takes no argument, not "${positionals[0]}".`);
  const base = values.url ?? `http://127.0.0.1:${process.env.GENHUB_HTTP_PORT || DEFAULT_HTTP_PORT}`;
  if (!/^https?:\/\/[^/?#]+\/?$/i.test(base))
    throw new UsageError('--url takes the address genhub start serves, such as http://127.0.0.1:8787.');
  const genhub = await openStoreOnly();
  try {
    const token = await createLoginToken(genhub.store.records, genhub.config.dashboard);
    console.log(`${base.replace(/\/$/, '')}/login?token=${token}`);
    console.error(
      `Open it within ${genhub.config.dashboard.loginLinkMinutes} minutes on this machine; it works once.`,
    );
    return 0;
  } finally {
    await genhub.close();
  }
}
