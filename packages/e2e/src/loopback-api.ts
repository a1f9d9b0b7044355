import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { solidPng } from '@genhub/testkit';
import { readBody, sendJson } from './http-answers.js';

/**
 * A tiny task API on 127.0.0.1 for end-to-end tests and benchmarks, standing in for an async
 * provider: `POST /v1/tasks` (Bearer auth, `Idempotency-Key` honoured), `GET /v1/tasks/:id`,
 * `GET /files/:id.png`. The prompt scripts a task: `[submit-delay:MS]`, `[polls:N]` pending polls,
 * `[file-delay:MS]`, `[poll-delay:MS]` (each poll answers that late), `[file-errors:N]` (the file answers 503 N times), `[fail]`. It keeps its tasks across client restarts, as a real provider does.
 */
export interface LoopbackApi {
  url: string;
  /** Tasks created, by idempotency key: more than one submit per key must not create more. */
  tasksCreated(): number;
  submits(): number;
  /** Requests for result files received, including any still held by `[file-delay:MS]`. */
  fileRequests(): number;
  close(): Promise<void>;
}

interface Task {
  id: string;
  prompt: string;
  pollsLeft: number;
  fileDelayMs: number;
  fileErrors: number;
  fail: boolean;
  polls: number;
}

const PNG = solidPng(8, 8, [200, 40, 90]);

export async function startLoopbackApi(options: { apiKey: string }): Promise<LoopbackApi> {
  const tasks = new Map<string, Task>();
  const byKey = new Map<string, string>();
  let submits = 0;
  let fileRequests = 0;
  let counter = 0;
  // Scripted delays; cleared at close, so a request still waiting cannot keep the process alive.
  const delays = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        delays.delete(timer);
        resolve();
      }, ms);
      delays.add(timer);
    });

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://loopback');
    if (req.method === 'GET' && url.pathname.startsWith('/files/')) {
      const task = tasks.get(url.pathname.slice('/files/'.length).replace(/\.png$/, ''));
      if (!task) return sendJson(res, 404, { error: 'no such file' });
      fileRequests += 1;
      if (task.fileDelayMs > 0) await sleep(task.fileDelayMs);
      if (task.fileErrors > 0) {
        task.fileErrors -= 1;
        return sendJson(res, 503, { error: 'try again' });
      }
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': PNG.length });
      res.end(PNG);
      return;
    }
    if (req.headers.authorization !== `Bearer ${options.apiKey}`) {
      await drain(req);
      return sendJson(res, 401, { error: { code: 'unauthorized', message: 'Invalid API key' } });
    }
    if (req.method === 'POST' && url.pathname === '/v1/tasks') {
      const body = JSON.parse(await readBody(req)) as { prompt?: string };
      submits += 1;
      const prompt = body.prompt ?? '';
      const submitDelay = directive(prompt, 'submit-delay');
      if (submitDelay > 0) await sleep(submitDelay);
      const key = String(req.headers['idempotency-key'] ?? '');
      const existing = key ? byKey.get(key) : undefined;
      if (existing) return sendJson(res, 200, { id: existing, status: 'queued' });
      counter += 1;
      const id = `task_${counter}`;
      tasks.set(id, {
        id,
        prompt,
        pollsLeft: directive(prompt, 'polls'),
        fileDelayMs: directive(prompt, 'file-delay'),
        fileErrors: directive(prompt, 'file-errors'),
        fail: prompt.includes('[fail]'),
        polls: 0,
      });
      if (key) byKey.set(key, id);
      return sendJson(res, 201, { id, status: 'queued' });
    }
    const match = /^\/v1\/tasks\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && match) {
      const task = tasks.get(match[1]!);
      if (!task) return sendJson(res, 404, { error: { code: 'not_found', message: 'No such task' } });
      task.polls += 1;
      const pollDelay = directive(task.prompt, 'poll-delay');
      if (pollDelay > 0) await sleep(pollDelay);
      if (task.pollsLeft > 0) {
        task.pollsLeft -= 1;
        return sendJson(res, 200, {
          id: task.id,
          status: 'running',
          progress: Math.min(95, task.polls * 20),
        });
      }
      if (task.fail) {
        return sendJson(res, 200, {
          id: task.id,
          status: 'failed',
          error: { code: 'content_policy', message: 'Rejected' },
        });
      }
      return sendJson(res, 200, {
        id: task.id,
        status: 'succeeded',
        outputs: [{ url: `http://${req.headers.host}/files/${task.id}.png`, media_type: 'image/png' }],
        cost_usd: 0.04,
      });
    }
    sendJson(res, 404, { error: { code: 'not_found', message: 'No such route' } });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.keepAliveTimeout = 30_000;
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tasksCreated: () => tasks.size,
    submits: () => submits,
    fileRequests: () => fileRequests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of delays) clearTimeout(timer);
        delays.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function directive(prompt: string, name: string): number {
  const match = new RegExp(`\\[${name}:(\\d+)\\]`).exec(prompt);
  return match ? Number(match[1]) : 0;
}

async function drain(req: IncomingMessage): Promise<void> {
  for await (const _ of req) {
    // discard
  }
}
