import { describe, expect, it } from 'vitest';
import { outputFromResult } from './ainative-outputs.js';
import { answerFields } from './ainative-wire.js';

const base = 'https://api.ainative.studio/api/v1/multimodal';
const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('outputFromResult', () => {
  it('turns base64 audio into MP3 bytes with its duration and credits', async () => {
    const mp3 = Buffer.from([0xff, 0xfb, 0x90, 0x00, 1, 2, 3]);
    const output = await outputFromResult(
      'speech',
      {
        audio_base64: mp3.toString('base64'),
        format: 'mp3',
        duration_ms: 1200,
        usage_id: 'u1',
        credits_used: 14,
        credits_remaining: 86,
      },
      base,
    );
    expect(output).toEqual({
      kind: 'bytes',
      data: new Uint8Array(mp3),
      mediaType: 'audio/mpeg',
      role: 'primary',
      metadata: { durationMs: 1200, format: 'mp3', usageId: 'u1', creditsUsed: 14, creditsRemaining: 86 },
    });
  });

  it('types an image by its bytes when no format is given', async () => {
    const output = await outputFromResult(
      'image',
      { image_base64: png.toString('base64'), width: 512 },
      base,
    );
    expect(output).toMatchObject({ kind: 'bytes', mediaType: 'image/png', metadata: { width: 512 } });
  });

  it('passes video URLs on, resolving a relative one against the API', async () => {
    expect(
      await outputFromResult(
        'video',
        { video_url: 'https://cdn.example.com/v.mp4', format: 'mp4', duration_seconds: 5 },
        base,
      ),
    ).toEqual({
      kind: 'url',
      url: 'https://cdn.example.com/v.mp4',
      mediaType: 'video/mp4',
      role: 'primary',
      metadata: { durationSeconds: 5, format: 'mp4' },
    });
    expect(await outputFromResult('video', { video_url: '/files/v.mp4' }, base)).toMatchObject({
      url: 'https://api.ainative.studio/files/v.mp4',
    });
    await expect(outputFromResult('video', { video_url: 'ftp://x/v.mp4' }, base)).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
    });
  });

  it('finds nothing while the result is not there yet', async () => {
    const notYet = answerFields.parse({ video_url: null, audio_base64: '', status: 'processing' });
    expect(await outputFromResult('video', notYet, base)).toBeUndefined();
    expect(await outputFromResult('speech', notYet, base)).toBeUndefined();
  });
});
