import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenHub, type GenHub, silentLogger } from '@genhub/core';
import { createLoginToken } from '@genhub/dashboard';
import { fakePlugin, testServiceUrl, waitForJob } from '@genhub/testkit';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpServer, startHttpServer } from './http-server.js';
import { createMetrics } from './metrics.js';

const chromiumPath = testServiceUrl('chromium');
const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
/** The machine is shared and loaded: wait for conditions, generously. */
const WAIT = { timeout: 30_000 };
const WAIT_JOB = { timeoutMs: 30_000 };

describe.runIf(chromiumPath)('the dashboard in headless Chromium', () => {
  let genhub: GenHub;
  let server: HttpServer;
  let metrics: ReturnType<typeof createMetrics>;
  let browser: Browser;
  let page: Page;
  const offSite: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    genhub = await createGenHub(
      {
        dataDir: mkdtempSync(join(tmpdir(), 'genhub-dashboard-')),
        // Slow enough polling that the page sees the job running before it is done.
        jobs: { pollInitialMs: 200, pollMaxMs: 200 },
      },
      { plugins: [fakePlugin], env: { GENHUB_FAKE_API_KEY: 'fake-key-123456' }, logger: silentLogger },
    );
    await genhub.start();
    await genhub.store.ledger.grant({ kind: 'user', id: 'discord:1' }, 5_000_000);
    metrics = createMetrics(genhub.generation);
    server = await startHttpServer(genhub, metrics, 0);
    browser = await chromium.launch({
      executablePath: chromiumPath ?? '',
      args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // No network: anything not on the GenHub server is refused and remembered.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url) || url.startsWith('blob:') || url.startsWith('data:'))
        return route.continue();
      offSite.push(url);
      return route.abort();
    });
    // Runs in the page before its scripts: remembers whatever the CSP refuses.
    await context.addInitScript({
      content: `window.cspViolations = [];
        document.addEventListener('securitypolicyviolation', (event) =>
          window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));`,
    });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    metrics?.close();
    await server?.close();
    await genhub?.close();
  });

  const shoot = (name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });

  it('signs in with a one-time link and shows a job running live, then done, with its video', {
    timeout: 120_000,
  }, async () => {
    const token = await createLoginToken(genhub.store.records, genhub.config.dashboard);
    await page.goto(`${server.url}/login?token=${token}`);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('heading', { name: 'Jobs' }).waitFor(WAIT);

    // The page stays open; the job starts now and the page follows it through server-sent events.
    const job = await genhub.generation.request({
      userId: 'discord:1',
      communityId: 'guild-7',
      model: 'fake/video',
      task: 'text-to-video',
      params: { prompt: 'a lighthouse at dusk [slow:15]' },
    });
    const row = page.locator(`tr[data-job="${job.id}"]`);
    await row
      .locator('td.state')
      .filter({ hasText: /^(queued|submitting|running|downloading)$/ })
      .waitFor(WAIT);
    await row.locator('td.state', { hasText: 'succeeded' }).waitFor(WAIT);
    await expect(row.textContent()).resolves.toContain('a lighthouse at dusk');
    await shoot('jobs');

    const video = page.waitForResponse((response) => response.url().includes(`/files/${job.id}/`), WAIT);
    await row.getByRole('link').click();
    await page.getByRole('heading', { name: /Job/ }).waitFor(WAIT);
    await page.locator('video').waitFor(WAIT);
    const file = await video;
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('video/mp4');
    await expect(page.locator('[data-state]').textContent()).resolves.toContain('succeeded');
    await expect(page.locator('ol.timeline').textContent()).resolves.toMatch(
      /reserved[\s\S]*settled|settled/,
    );
    await shoot('job');
  });

  it('draws the spend charts, grants credits and shows the new balance, and blocks a user', {
    timeout: 120_000,
  }, async () => {
    await page.getByRole('link', { name: 'Spend and credits' }).click();
    await page.getByRole('img', { name: 'Spend per day by provider' }).waitFor(WAIT);
    const grant = page.getByRole('form', { name: 'grant credits' });
    await grant.getByLabel('id').fill('discord:777');
    await grant.getByLabel('USD').fill('3');
    await grant.getByRole('button', { name: 'Grant' }).click();
    await page.getByRole('status').filter({ hasText: 'Granted $3.00 to discord:777.' }).waitFor(WAIT);
    await page
      .locator('tr[data-account="user:discord:777"] td.available', { hasText: '$3.00' })
      .waitFor(WAIT);
    expect((await genhub.store.ledger.balance({ kind: 'user', id: 'discord:777' })).availableMicros).toBe(
      3_000_000,
    );

    const block = page.getByRole('form', { name: 'block a user' });
    await block.getByLabel('user').fill('discord:777');
    await block.getByLabel('reason').fill('spam');
    await block.getByRole('button', { name: 'Block', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Blocked discord:777 everywhere.' }).waitFor(WAIT);
    expect(await genhub.moderation.isBlocked('discord:777', 'guild-7')).toBe(true);
    await page.locator('table.audit td', { hasText: 'block' }).first().waitFor(WAIT);
    await shoot('spend');
  });

  it('shows a .glb in the 3D viewer and an SVG through the sanitized file route', {
    timeout: 120_000,
  }, async () => {
    for (const [model, task] of [
      ['fake/3d', 'text-to-3d'],
      ['fake/vector', 'text-to-vector'],
    ] as const) {
      const queued = await genhub.generation.request({
        userId: 'discord:1',
        model,
        task,
        params: { prompt: 'a chair' },
      });
      const job = await waitForJob(genhub, queued, WAIT_JOB);
      expect(job.state).toBe('succeeded');
      await page.goto(`${server.url}/#/jobs/${job.id}`);
      await page.locator('[data-state="succeeded"]').waitFor(WAIT);
      if (model === 'fake/3d') {
        // three.js draws the model into a WebGL canvas (SwiftShader, in software).
        await page.locator('.model[data-model-state="shown"] canvas').waitFor(WAIT);
        await shoot('job-3d');
      } else {
        const svg = page.locator('.outputs img').first();
        await svg.waitFor(WAIT);
        // Polled from here: a string run in the page would be eval, which the page's CSP refuses.
        await expect
          .poll(() => svg.evaluate((image) => (image as unknown as { complete: boolean }).complete), {
            timeout: WAIT.timeout,
          })
          .toBe(true);
        expect(
          await svg.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth),
        ).toBeGreaterThan(0);
      }
    }
  });

  it('shows provider health, and loads nothing from elsewhere and nothing the CSP refuses', {
    timeout: 120_000,
  }, async () => {
    await page.getByRole('link', { name: 'Providers' }).click();
    await page.locator('tr[data-provider="fake"]').getByText('healthy').waitFor(WAIT);
    await shoot('providers');
    expect(offSite).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(await page.evaluate('window.cspViolations')).toEqual([]);
  });
});
