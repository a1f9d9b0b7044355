import { readdirSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GenHub } from '@genhub/core';
import { fakePlugin, startTestGenHub, testUser, waitForJob } from '@genhub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ASSETS_DIR,
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  createDashboard,
  createLoginToken,
  type Dashboard,
} from '../src/index.js';

const API_TOKEN = 'test-dashboard-token-0123456789abcdef';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

let genhub: GenHub;
let dashboard: Dashboard;
let server: Server;
let port: number;
let jobId: string;

function call(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        // An event stream never ends: read its first chunk only.
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          if (res.headers['content-type']?.startsWith('text/event-stream')) res.destroy();
        });
        const done = () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          });
        res.on('end', done);
        res.on('close', done);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

async function signIn(): Promise<string> {
  const token = await createLoginToken(genhub.store.records, genhub.config.dashboard);
  const answer = await call(`/login?token=${token}`);
  const cookie = String(answer.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  expect(cookie).toMatch(/^genhub_dashboard=.+/);
  return cookie;
}

beforeAll(async () => {
  ({ genhub } = await startTestGenHub({
    plugins: [fakePlugin],
    config: { dashboard: { token: API_TOKEN } },
  }));
  const job = await genhub.generation.request({
    userId: testUser.id,
    model: 'fake/image',
    task: 'text-to-image',
    params: { prompt: 'a secret lighthouse' },
  });
  jobId = job.id;
  await waitForJob(genhub, job, { timeoutMs: 30_000 });
  dashboard = createDashboard(genhub);
  server = createServer((req, res) => dashboard.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  dashboard?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await genhub?.close();
});

describe('the dashboard over HTTP', () => {
  it('answers 401 with no data to every page and endpoint without a session or the token', async () => {
    for (const path of [
      '/',
      '/assets/app.js',
      '/api/jobs',
      `/api/jobs/${jobId}`,
      '/api/spend',
      '/api/providers',
      '/api/events',
    ]) {
      for (const headers of [
        {},
        { authorization: 'Bearer wrong-token-wrong-token-wrong' },
        { cookie: 'genhub_dashboard=forged' },
      ]) {
        const answer = await call(path, { headers });
        expect(answer.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(answer.body).not.toContain('lighthouse');
        expect(answer.body).not.toContain(jobId);
        expect(answer.body).toMatch(/genhub dashboard-link/);
      }
    }
    const post = await call('/api/credits', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'user', id: 'mallory', usd: 100 }),
    });
    expect(post.status).toBe(401);
    expect((await genhub.store.ledger.balance({ kind: 'user', id: 'mallory' })).availableMicros).toBe(0);
  });

  it('lets an API client in with the bearer token', async () => {
    const answer = await call('/api/jobs?provider=fake&state=succeeded', {
      headers: { authorization: `Bearer ${API_TOKEN}` },
    });
    expect(answer.status).toBe(200);
    const list = JSON.parse(answer.body) as { items: { id: string; prompt: string }[] };
    expect(list.items.map((job) => job.id)).toContain(jobId);
    const detail = JSON.parse(
      (await call(`/api/jobs/${jobId}`, { headers: { authorization: `Bearer ${API_TOKEN}` } })).body,
    );
    expect(detail).toMatchObject({ prompt: 'a secret lighthouse', state: 'succeeded' });
    expect(detail.outputs[0].url).toMatch(/^\/files\//);
    const missing = await call('/api/jobs/%E0%A4%A', { headers: { authorization: `Bearer ${API_TOKEN}` } });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).message).toMatch(/no such job/);
    const bad = await call('/api/jobs?state=exploded', { headers: { authorization: `Bearer ${API_TOKEN}` } });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).message).toMatch(/not valid/);
  });

  it('signs a browser in once per link, with an HttpOnly SameSite=Strict cookie', async () => {
    const token = await createLoginToken(genhub.store.records, genhub.config.dashboard);
    const first = await call(`/login?token=${token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const setCookie = String(first.headers['set-cookie']?.[0]);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const again = await call(`/login?token=${token}`);
    expect(again.status).toBe(401);
    expect(again.body).toMatch(/unknown, used or expired/);
    expect(again.headers['set-cookie']).toBeUndefined();

    const page = await call('/', { headers: { cookie: setCookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.body).toContain('<script type="module" src="/assets/app.js">');
  });

  it('refuses an expired login link', async () => {
    const token = await createLoginToken(genhub.store.records, {
      ...genhub.config.dashboard,
      loginLinkMinutes: 0.0005,
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await call(`/login?token=${token}`)).status).toBe(401);
  });

  it('takes a browser change only from its own page (Origin), and records who made it', async () => {
    const cookie = await signIn();
    const grant = (headers: Record<string, string>) =>
      call('/api/credits', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ kind: 'user', id: 'discord:42', usd: 2.5, note: 'welcome' }),
      });
    expect((await grant({})).status).toBe(403);
    expect((await grant({ origin: 'http://evil.example' })).status).toBe(403);
    expect((await genhub.store.ledger.balance({ kind: 'user', id: 'discord:42' })).availableMicros).toBe(0);

    const done = await grant({ origin: `http://127.0.0.1:${port}` });
    expect(done.status).toBe(200);
    expect(JSON.parse(done.body)).toMatchObject({ ok: true, balance: { availableMicros: 2_500_000 } });
    const [entry] = await genhub.store.ledger.entries({ kind: 'user', id: 'discord:42' });
    expect(entry).toMatchObject({
      kind: 'grant',
      amountMicros: 2_500_000,
      note: 'operator:dashboard: welcome',
    });

    const tooMuch = await call('/api/credits', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: `http://127.0.0.1:${port}` },
      body: JSON.stringify({ kind: 'user', id: 'discord:42', usd: -10 }),
    });
    expect(tooMuch.status).toBe(409);
    expect(JSON.parse(tooMuch.body).message).toMatch(/Only \$2\.50 is available/);
  });

  it('blocks and unblocks a user, each in the audit log as operator:dashboard', async () => {
    const post = (blocked: boolean) =>
      call('/api/blocks', {
        method: 'POST',
        headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'discord:666', community: null, blocked, reason: 'spam' }),
      });
    const blocked = await post(true);
    expect(JSON.parse(blocked.body)).toEqual({ ok: true, message: 'Blocked discord:666 everywhere.' });
    expect(await genhub.moderation.isBlocked('discord:666', 'any-guild')).toBe(true);
    await post(false);
    expect(await genhub.moderation.isBlocked('discord:666', null)).toBe(false);
    const audit = JSON.parse(
      (await call('/api/audit', { headers: { authorization: `Bearer ${API_TOKEN}` } })).body,
    );
    expect(audit.slice(0, 2)).toMatchObject([
      { actor: 'operator:dashboard', action: 'unblock', target: 'discord:666' },
      { actor: 'operator:dashboard', action: 'block', target: 'discord:666' },
    ]);
    const bad = await call('/api/blocks', {
      method: 'POST',
      headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
      body: '{"userId": ""}',
    });
    expect(bad.status).toBe(400);
  });

  it('answers only requests made on this machine to a loopback name unless allowRemote is set', async () => {
    const auth = { authorization: `Bearer ${API_TOKEN}` };
    expect((await call('/api/jobs', { headers: { ...auth, host: 'genhub.example.com' } })).status).toBe(403);
    expect((await call('/api/jobs', { headers: { ...auth, 'x-forwarded-for': '203.0.113.9' } })).status).toBe(
      403,
    );
    expect((await call('/api/jobs', { headers: { ...auth, host: `localhost:${port}` } })).status).toBe(200);
  });

  it('streams provider health as server-sent events', async () => {
    const answer = await call('/api/events', { headers: { authorization: `Bearer ${API_TOKEN}` } });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/event-stream/);
  });

  it('ships a page with no inline script or style, so the CSP needs no exception', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|'nonce-|'sha\d+-/);
    const html = readFileSync(`${ASSETS_DIR}index.html`, 'utf8');
    for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) {
      expect(tag).toMatch(/^<script[^>]*\bsrc="\/assets\/[^"]+"[^>]*><\/script>$/);
    }
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    expect(readdirSync(ASSETS_DIR)).toEqual(expect.arrayContaining(['app.js', 'app.css', 'index.html']));
  });

  it('lets the page show files presigned from the results bucket, and nothing else from it', () => {
    const policy = contentSecurityPolicy('https://files.example.com');
    expect(policy).toContain("media-src 'self' blob: https://files.example.com;");
    expect(policy).toContain("img-src 'self' data: blob: https://files.example.com;");
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toMatch(/unsafe|'nonce-|'sha\d+-/);
  });
});
