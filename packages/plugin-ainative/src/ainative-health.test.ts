import { describe, expect, it } from 'vitest';
import { readHealth } from './ainative-health.js';

describe('readHealth', () => {
  it('is up when AINative says healthy', () => {
    expect(readHealth(200, { status: 'healthy', runpod_connected: true })).toEqual({
      ok: true,
      message: 'AINative multimodal is healthy.',
    });
    expect(readHealth(200, undefined).ok).toBe(true);
  });

  it('names GPU endpoints reported unavailable', () => {
    const health = readHealth(200, {
      status: 'degraded',
      runpod_connected: true,
      gpu_endpoints: {
        tts: 'available',
        video_t2v: 'unavailable',
        video_i2v: { available: false },
        image: true,
      },
    });
    expect(health).toEqual({
      ok: true,
      message: 'AINative multimodal is degraded. Unavailable GPU endpoints: video_t2v, video_i2v.',
    });
  });

  it('is down on an error status, an unhealthy status or a lost RunPod connection', () => {
    expect(readHealth(503, { detail: 'maintenance' })).toEqual({
      ok: false,
      message: 'AINative health check answered HTTP 503: maintenance.',
    });
    expect(readHealth(200, { status: 'unhealthy' }).ok).toBe(false);
    expect(readHealth(200, { status: 'healthy', runpod_connected: false })).toEqual({
      ok: false,
      message: 'AINative multimodal has lost its RunPod connection.',
    });
    expect(readHealth(200, { runpod_status: 'disconnected' }).ok).toBe(false);
  });
});
