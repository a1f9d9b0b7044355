import { createHttpClient, type MediaInput, Redactor } from '@genhub/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GateAiFake, startGateAiFake } from '../../test/fake/index.js';
import { GateAiApi } from '../api/gateai-api.js';
import { DOCUMENT_CATALOGUE } from '../catalogue/document-catalogue.js';
import { buildModel } from '../models/build-model.js';
import { createMediaResolver, isInlineReference, type MediaResolver } from './media-resolver.js';
import { toWireParams } from './to-wire.js';

const model = (id: string) => buildModel(DOCUMENT_CATALOGUE.find((m) => m.id === id)!);
const signal = new AbortController().signal;

/** Records what it was asked; uploads become `file_<n>`, inlines `inline:<url>`. */
function recordingResolver() {
  const asked: Array<[string, string, string]> = [];
  const resolver: MediaResolver = {
    async resolve(input: MediaInput, how, kind) {
      asked.push([input.url, how, kind]);
      if (isInlineReference(input.url)) return { kind: 'inline', value: input.url };
      return how === 'upload'
        ? { kind: 'file', id: `file_${asked.length}` }
        : { kind: 'inline', value: `inline:${input.url}` };
    },
  };
  return { resolver, asked };
}

describe('toWireParams', () => {
  it('translates shared names back and keeps GateAI names', async () => {
    const { resolver } = recordingResolver();
    const wire = await toWireParams(
      model('kling-2.5-turbo-standard'),
      {
        prompt: 'p',
        negativePrompt: 'blur',
        duration: 10,
        cfg_scale: 0.5,
        firstFrame: { url: 'https://cdn.example.com/frame.png' },
        width: 1280,
        height: 720,
      },
      resolver,
      signal,
    );
    expect(wire).toEqual({
      prompt: 'p',
      negative_prompt: 'blur',
      durationSeconds: 10,
      cfg_scale: 0.5,
      start_frame: 'https://cdn.example.com/frame.png',
      width: 1280,
      height: 720,
    });
  });

  it('passes HTTPS and data: references inline, in list or single fields', async () => {
    const { resolver } = recordingResolver();
    const data = 'data:image/png;base64,AAAA';
    const wire = await toWireParams(
      model('seedance-2.0'),
      {
        prompt: 'p',
        images: [{ url: 'https://a.example/1.png' }, { url: data }],
        firstFrame: { url: data },
        referenceVideo: { url: 'https://a.example/v.mp4' },
        referenceAudio: { url: 'https://a.example/a.mp3' },
      },
      resolver,
      signal,
    );
    expect(wire).toEqual({
      prompt: 'p',
      reference_image_urls: ['https://a.example/1.png', data],
      start_frame: data,
      reference_video_urls: ['https://a.example/v.mp4'],
      reference_audio_urls: ['https://a.example/a.mp3'],
    });
  });

  it('uploads other image and video inputs into images/videos, and inlines frames and audio', async () => {
    const { resolver, asked } = recordingResolver();
    const wire = await toWireParams(
      model('seedance-2.0'),
      {
        prompt: 'p',
        images: [{ url: 'http://files.local/1.png' }, { url: 'https://a.example/2.png' }],
        firstFrame: { url: 'http://files.local/f.png' },
        referenceVideo: { url: 'http://files.local/v.mp4' },
        referenceAudio: { url: 'http://files.local/a.mp3' },
      },
      resolver,
      signal,
    );
    expect(asked).toEqual([
      ['http://files.local/1.png', 'upload', 'image'],
      ['https://a.example/2.png', 'upload', 'image'],
      ['http://files.local/f.png', 'inline', 'image'],
      ['http://files.local/v.mp4', 'upload', 'video'],
      ['http://files.local/a.mp3', 'inline', 'audio'],
    ]);
    expect(wire).toEqual({
      prompt: 'p',
      reference_image_urls: ['https://a.example/2.png'],
      start_frame: 'inline:http://files.local/f.png',
      reference_audio_urls: ['inline:http://files.local/a.mp3'],
      images: ['file_1'],
      videos: ['file_4'],
    });
  });

  it('sends media links as they are when estimating (no resolver)', async () => {
    const wire = await toWireParams(
      model('rodin-v2'),
      { images: [{ url: 'http://files.local/1.png' }] },
      undefined,
      signal,
    );
    expect(wire).toEqual({ image_urls: ['http://files.local/1.png'] });
  });
});

describe('createMediaResolver against the fake', () => {
  let fake: GateAiFake;
  let http: ReturnType<typeof createHttpClient>;
  let resolver: MediaResolver;
  beforeAll(async () => {
    fake = await startGateAiFake();
    http = createHttpClient();
    const api = new GateAiApi(
      http.withDefaults({ baseUrl: fake.url, headers: { authorization: `Bearer ${fake.apiKey}` } }),
      new Redactor([fake.apiKey]),
    );
    resolver = createMediaResolver({ api, http, maxBytes: 1024 * 1024 });
  });
  afterAll(async () => {
    await http.close();
    await fake.close();
  });

  it('uploads a plain-http file as multipart "file" with its name and sniffed type', async () => {
    const resolved = await resolver.resolve(
      { url: `${fake.url}/files/in/cat.png` },
      'upload',
      'image',
      signal,
    );
    expect(resolved).toEqual({ kind: 'file', id: 'file_1' });
    const [upload] = fake.callsTo('POST /api/upload');
    expect(upload?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(upload?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload?.multipart?.files.file).toMatchObject({ filename: 'cat.png', type: 'image/png' });
    // The input's own server never sees GateAI's key.
    const fetched = fake.calls.find((call) => call.path === '/files/in/cat.png');
    expect(fetched?.headers.authorization).toBeUndefined();
  });

  it('turns a plain-http file into a data: URI when it must go inline', async () => {
    const resolved = await resolver.resolve(
      { url: `${fake.url}/files/in/frame.png` },
      'inline',
      'image',
      signal,
    );
    expect(resolved.kind).toBe('inline');
    const value = resolved.kind === 'inline' ? resolved.value : '';
    expect(value.startsWith('data:image/png;base64,')).toBe(true);
    expect(Buffer.from(value.split(',')[1]!, 'base64').subarray(1, 4).toString()).toBe('PNG');
  });

  it('refuses an input that cannot be fetched', async () => {
    await expect(
      resolver.resolve({ url: `${fake.url}/files/in/missing.txt` }, 'upload', 'image', signal),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
