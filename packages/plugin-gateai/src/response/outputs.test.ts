import { describe, expect, it } from 'vitest';
import { absoluteUrl, outputsOf } from './outputs.js';

const base = 'https://core.claude.gg';

describe('outputsOf', () => {
  it('makes every image or video link a primary output with its media type', () => {
    expect(outputsOf('image', ['https://cdn.example.com/a/output.jpg', '/files/b.png'], [], base)).toEqual([
      {
        kind: 'url',
        url: 'https://cdn.example.com/a/output.jpg',
        role: 'primary',
        mediaType: 'image/jpeg',
        name: 'output.jpg',
      },
      {
        kind: 'url',
        url: 'https://core.claude.gg/files/b.png',
        role: 'primary',
        mediaType: 'image/png',
        name: 'b.png',
      },
    ]);
    expect(outputsOf('video', ['https://cdn.example.com/v.mp4?sig=1'], [], base)[0]).toMatchObject({
      role: 'primary',
      mediaType: 'video/mp4',
      name: 'v.mp4',
    });
  });

  it('keeps a 3D result as the .glb (primary) and its JPG preview', () => {
    const jpg = 'https://cdn.example.com/g1/rodin-v2_-0.jpg';
    const glb = 'https://cdn.example.com/g1/rodin-v2_-0.glb';
    expect(outputsOf('3d', [jpg], [glb], base)).toEqual([
      { kind: 'url', url: glb, role: 'primary', mediaType: 'model/gltf-binary', name: 'rodin-v2_-0.glb' },
      { kind: 'url', url: jpg, role: 'preview', mediaType: 'image/jpeg', name: 'rodin-v2_-0.jpg' },
    ]);
  });

  it('derives the .glb from the JPG when glb_urls is missing, as the document describes', () => {
    const outputs = outputsOf('3d', ['https://cdn.example.com/g1/rodin-v2_-0.jpg'], [], base);
    expect(outputs.map((o) => [o.role, o.kind === 'url' ? o.url : ''])).toEqual([
      ['primary', 'https://cdn.example.com/g1/rodin-v2_-0.glb'],
      ['preview', 'https://cdn.example.com/g1/rodin-v2_-0.jpg'],
    ]);
  });

  it('makes the first output primary when nothing looks like a model file', () => {
    const outputs = outputsOf('3d', ['https://cdn.example.com/x.png'], [], base);
    expect(outputs.map((o) => o.role)).toEqual(['primary']);
  });

  it('resolves relative links against the base URL', () => {
    expect(absoluteUrl('/get/x', 'http://127.0.0.1:9/')).toBe('http://127.0.0.1:9/get/x');
    expect(absoluteUrl('https://a.example/x', base)).toBe('https://a.example/x');
  });
});
