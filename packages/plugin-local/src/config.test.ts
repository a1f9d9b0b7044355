import { describe, expect, it } from 'vitest';
import { enabledWorkers, localSettings } from './config.js';

describe('localSettings', () => {
  it('enables listed workers at their seed ports on loopback', () => {
    const settings = localSettings.parse({ workers: 'qwen-image, sam2' });
    expect(enabledWorkers(settings)).toEqual([
      { worker: 'qwen-image', url: 'http://127.0.0.1:8004', api: 'worker' },
      { worker: 'sam2', url: 'http://127.0.0.1:8006', api: 'worker' },
    ]);
  });

  it('takes the list as JSON too, and a URL setting enables its worker on its own', () => {
    const settings = localSettings.parse({
      workers: '["svg-turbo"]',
      hunyuanVideoUrl: 'http://gpu-box.lan:9007/',
      qwenImageUrl: 'http://127.0.0.1:8000',
      qwenImageApi: 'openai',
    });
    expect(enabledWorkers(settings)).toEqual([
      { worker: 'qwen-image', url: 'http://127.0.0.1:8000', api: 'openai' },
      { worker: 'hunyuan-video', url: 'http://gpu-box.lan:9007', api: 'worker' },
      { worker: 'svg-turbo', url: 'http://127.0.0.1:8008', api: 'worker' },
    ]);
  });

  it('with no worker enabled, names GENHUB_LOCAL_WORKERS', () => {
    const result = localSettings.safeParse({});
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['workers'],
      message: expect.stringContaining('GENHUB_LOCAL_WORKERS'),
    });
  });

  it('refuses an unknown worker name and a URL that is not http(s)', () => {
    expect(localSettings.safeParse({ workers: 'qwen-image,flux' }).success).toBe(false);
    expect(localSettings.safeParse({ sam2Url: 'ftp://127.0.0.1:8006' }).success).toBe(false);
  });
});
