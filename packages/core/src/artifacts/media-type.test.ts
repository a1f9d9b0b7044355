import { detectMediaType, extensionFor, mediaKind, sniffMediaType } from '@genhub/provider';
import { describe, expect, it } from 'vitest';
import { glb, HTML, JPEG, PNG, SVG, SVG_WITH_PROLOG, wav } from './__fixtures__/media-samples.js';

describe('sniffMediaType', () => {
  it.each([
    ['PNG', PNG, 'image/png'],
    ['JPEG', JPEG, 'image/jpeg'],
    ['WAV', wav(), 'audio/wav'],
    ['binary glTF', glb(), 'model/gltf-binary'],
    ['SVG', SVG, 'image/svg+xml'],
    ['SVG with a prolog, a comment and a doctype', SVG_WITH_PROLOG, 'image/svg+xml'],
    ['HTML', HTML, 'text/html'],
  ])('recognises %s from its bytes, whatever was declared', async (_name, bytes, expected) => {
    expect(await sniffMediaType(bytes)).toBe(expected);
    expect(await sniffMediaType(bytes, 'application/octet-stream')).toBe(expected);
    expect(await sniffMediaType(bytes, 'image/webp')).toBe(expected);
  });

  it('recognises a glTF header that file-type would not', async () => {
    expect(await detectMediaType(Buffer.from('glTF\x02\0\0\0', 'latin1'))).toBe('model/gltf-binary');
  });

  it('does not take plain XML for SVG', async () => {
    expect(await sniffMediaType(Buffer.from('<?xml version="1.0"?><feed><title>svg</title></feed>'))).toBe(
      'application/xml',
    );
  });

  it('falls back to an informative declared type, then to text or octet-stream', async () => {
    const unknown = Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe]);
    expect(await sniffMediaType(unknown, 'Model/OBJ; charset=x')).toBe('model/obj');
    expect(await sniffMediaType(unknown, 'binary/octet-stream')).toBe('application/octet-stream');
    expect(await sniffMediaType(unknown)).toBe('application/octet-stream');
    expect(await sniffMediaType(Buffer.from('just words\n'))).toBe('text/plain');
    expect(await sniffMediaType(Buffer.from('{"a":1}'), 'application/json')).toBe('application/json');
    expect(await sniffMediaType(new Uint8Array(0))).toBe('application/octet-stream');
  });
});

describe('mediaKind', () => {
  it.each([
    ['image/png', 'image'],
    ['IMAGE/JPEG; q=1', 'image'],
    ['image/svg+xml', 'vector'],
    ['video/mp4', 'video'],
    ['audio/ogg; codecs=opus', 'audio'],
    ['model/gltf-binary', 'model3d'],
    ['text/html', 'other'],
    ['application/octet-stream', 'other'],
  ])('%s is %s', (type, kind) => {
    expect(mediaKind(type)).toBe(kind);
  });
});

describe('extensionFor', () => {
  it.each([
    ['image/png', 'png'],
    ['image/jpeg', 'jpg'],
    ['image/svg+xml', 'svg'],
    ['audio/wav', 'wav'],
    ['audio/mpeg', 'mp3'],
    ['audio/ogg; codecs=opus', 'opus'],
    ['video/mp4', 'mp4'],
    ['video/webm', 'webm'],
    ['model/gltf-binary', 'glb'],
    ['application/x-unheard-of', 'bin'],
  ])('%s -> .%s', (type, extension) => {
    expect(extensionFor(type)).toBe(extension);
  });
});
