import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv, tempDir } from './cli-helpers.js';

const run = promisify(execFile);

async function doctor(env: Record<string, string>) {
  const cwd = tempDir();
  const result = await run(process.execPath, [BIN, 'doctor'], {
    cwd,
    env: cleanEnv(join(cwd, 'data'), env),
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  return { code: result.code, output: result.stdout + result.stderr };
}

describe('genhub doctor', () => {
  it('names the bad setting of a broken configuration and exits 1', async () => {
    const { code, output } = await doctor({ GENHUB_LOG_LEVEL: 'loud' });
    expect(code).toBe(1);
    expect(output).toContain('logLevel (GENHUB_LOG_LEVEL)');
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('names a configured provider that is down and exits 1', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(503, { 'content-type': 'text/plain' });
      response.end('down for maintenance');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { code, output } = await doctor({
        GENHUB_GATEAI_API_KEY: 'sk-test-gateai',
        GENHUB_GATEAI_BASE_URL: `http://127.0.0.1:${port}`,
        GENHUB_HTTP_RETRIES: '0',
      });
      expect(code).toBe(1);
      expect(output).toMatch(/problem: GateAI .*503.*GENHUB_GATEAI_BASE_URL/);
      expect(output).toContain('eSpeak NG (espeak): ready');
      expect(output).not.toContain('No problems found');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('passes a configuration with nothing wrong', async () => {
    const { code, output } = await doctor({});
    expect(output).toContain('No problems found.');
    expect(code).toBe(0);
  });
});
