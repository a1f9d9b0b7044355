import { describe, expect, it } from 'vitest';
import { startFakeLocalWorker } from './fake-local-worker.js';
import { startPipeline } from './harness.js';

// `genhub doctor` calls the provider's health(): every configured worker is probed.

describe('health of the local workers', () => {
  it('is ok when every worker answers /health ok, naming each', async () => {
    const fake = await startFakeLocalWorker();
    const { genhub } = await startPipeline(fake, {
      env: { GENHUB_LOCAL_SAM2_URL: fake.url, GENHUB_LOCAL_SVG_TURBO_URL: fake.url },
    });
    try {
      const health = await genhub.registry.provider('local')?.health?.({ signal: AbortSignal.timeout(5000) });
      expect(health).toEqual({ ok: true, message: 'sam2 ok: GPU 0 ready; svg-turbo ok: GPU 0 ready' });
    } finally {
      await genhub.close();
      await fake.close();
    }
  });

  it('is not ok when a worker is loading or unreachable, and says which', async () => {
    const fake = await startFakeLocalWorker();
    const down = await startFakeLocalWorker();
    const downUrl = down.url;
    await down.close();
    fake.server.route('GET /health', { json: { status: 'loading', message: 'weights 40%' } });
    const { genhub } = await startPipeline(fake, {
      env: { GENHUB_LOCAL_QWEN_IMAGE_URL: fake.url, GENHUB_LOCAL_HUNYUAN_VIDEO_URL: downUrl },
    });
    try {
      const health = await genhub.registry.provider('local')?.health?.({ signal: AbortSignal.timeout(5000) });
      expect(health?.ok).toBe(false);
      expect(health?.message).toContain('qwen-image loading: weights 40%');
      expect(health?.message).toContain(`hunyuan-video at ${downUrl}`);
    } finally {
      await genhub.close();
      await fake.close();
    }
  });

  it('stays unconfigured, naming GENHUB_LOCAL_WORKERS, when no worker is enabled', async () => {
    const fake = await startFakeLocalWorker();
    const { genhub } = await startPipeline(fake, { env: {} });
    try {
      expect(genhub.plugins.find((plugin) => plugin.id === 'local')).toMatchObject({
        state: 'unconfigured',
        message: expect.stringContaining('GENHUB_LOCAL_WORKERS'),
      });
    } finally {
      await genhub.close();
      await fake.close();
    }
  });
});
