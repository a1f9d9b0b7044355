import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv, tempDir, wavRms } from './cli-helpers.js';

type Child = ChildProcessByStdio<Writable, Readable, Readable>;

function startGenhub(out: string): { child: Child; output: () => string; exit: Promise<number | null> } {
  const cwd = tempDir();
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--out', out], {
    cwd,
    env: cleanEnv(join(cwd, 'data')),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exit };
}

async function waitFor(output: () => string, pattern: RegExp, ms = 20_000): Promise<RegExpMatchArray> {
  const until = Date.now() + ms;
  for (;;) {
    const match = output().match(pattern);
    if (match) return match;
    if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; output:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('genhub start', () => {
  it('runs piped console commands: speech to a real WAV file, the model list and a missing image provider', async () => {
    const out = tempDir('genhub-out-');
    const { child, output, exit } = startGenhub(out);
    child.stdin.end('/speak Hello from GenHub\n/models\n/imagine a cat\n');
    expect(await exit).toBe(0);
    const text = output();

    const wavs = readdirSync(out).filter((name) => name.endsWith('.wav'));
    expect(wavs).toHaveLength(1);
    expect(text).toContain(`Saved ${join(out, wavs[0]!)}`);
    expect(wavRms(readFileSync(join(out, wavs[0]!)))).toBeGreaterThan(300);

    expect(text).toMatch(/^text-to-speech:\n {2}espeak\/tts \(.+\) from \$0\.00, no safety controls$/m);
    expect(text).toMatch(/\] Done in /);
    const imagine = text.split('\n').find((line) => line.startsWith('No image model'));
    expect(imagine).toBe(
      "No image model is configured; set a provider's key, such as GENHUB_GATEAI_API_KEY, to enable one (genhub models lists every provider and its settings).",
    );
    expect(text).not.toMatch(/\n\s+at /);
  }, 45_000);

  it('serves /healthz and /metrics while it runs and stops promptly on SIGINT', async () => {
    const { child, output, exit } = startGenhub(tempDir('genhub-out-'));
    try {
      const [, url] = await waitFor(output, /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m);

      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      const report = (await health.json()) as {
        ok: boolean;
        store: { ok: boolean };
        queue: { waiting: number; running: number };
        plugins: Array<{ id: string; state: string; health?: { ok: boolean } }>;
      };
      expect(report.ok).toBe(true);
      expect(report.store.ok).toBe(true);
      expect(report.queue).toEqual({ waiting: 0, running: 0 });
      expect(report.plugins.find((p) => p.id === 'espeak')).toMatchObject({
        state: 'ready',
        health: { ok: true },
      });
      expect(report.plugins.find((p) => p.id === 'gateai')).toMatchObject({ state: 'unconfigured' });

      child.stdin.write('/speak metrics\n');
      await waitFor(output, /\] Done in /);
      const metrics = await fetch(`${url}/metrics`);
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toContain('text/plain');
      const body = await metrics.text();
      expect(body).toContain('# TYPE genhub_jobs gauge');
      expect(body).toContain('genhub_jobs_finished_total{state="succeeded",model="espeak/tts",role="all"} 1');
      expect(body).toContain(
        'genhub_job_latency_seconds_count{role="all",state="succeeded",model="espeak/tts"} 1',
      );
      expect(body).toContain('# TYPE genhub_credits_spent_usd_total counter');
      expect(body).toContain('genhub_process_cpu_user_seconds_total');

      const stopped = Date.now();
      child.kill('SIGINT');
      expect(await exit).toBe(0);
      expect(Date.now() - stopped).toBeLessThan(5000);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 45_000);
});
