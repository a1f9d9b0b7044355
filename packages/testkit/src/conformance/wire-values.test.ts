import { describe, expect, it } from 'vitest';
import type { FakeCall } from '../fake-server.js';
import { containsJson, reachedWire, wireValues } from './wire-values.js';

const call = (overrides: Partial<FakeCall>): FakeCall => ({
  method: 'POST',
  path: '/v1/jobs',
  query: {},
  params: {},
  headers: { 'content-type': 'application/json' },
  bodyText: '',
  bodyBytes: new Uint8Array(),
  bodyJson: undefined,
  ...overrides,
});

describe('reachedWire', () => {
  const wire = wireValues([
    call({ bodyJson: { input: { text: 'A Red Fox --seed 7' }, size: '1024x768', steps: 30 } }),
    call({ method: 'GET', path: '/v1/jobs/abc', query: { voice: 'nova' } }),
  ]);

  it('finds strings anywhere, in any case, and numbers as values or tokens', () => {
    expect(reachedWire('a red fox', wire)).toBe(true);
    expect(reachedWire('nova', wire)).toBe(true);
    expect(reachedWire(30, wire)).toBe(true);
    expect(reachedWire(7, wire)).toBe(true);
    expect(reachedWire(1024, wire)).toBe(true);
    expect(reachedWire(3, wire)).toBe(false);
    expect(reachedWire('watercolor', wire)).toBe(false);
  });

  it('takes a media input as sent when its URL is, or when a file went up', () => {
    const image = { url: 'https://example.com/cat.png' };
    expect(reachedWire([image], wire)).toBe(false);
    const uploaded = wireValues([
      call({ headers: { 'content-type': 'image/png' }, bodyBytes: new Uint8Array([1, 2, 3]) }),
    ]);
    expect(reachedWire([image], uploaded)).toBe(true);
    expect(reachedWire(image, wireValues([call({ bodyJson: { image_url: image.url } })]))).toBe(true);
  });

  it('takes a data: URI as sent when its base64 went inline in the JSON', () => {
    const image = { url: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==' };
    const inline = wireValues([
      call({ bodyJson: { image: { bytesBase64Encoded: 'iVBORw0KGgoAAAANSUhEUg==' } } }),
    ]);
    expect(reachedWire(image, inline)).toBe(true);
    expect(reachedWire(image, wire)).toBe(false);
    expect(reachedWire({ url: 'data:image/png;base64,' }, wire)).toBe(false);
  });

  it('does not check booleans, which APIs often send as a flag left out', () => {
    expect(reachedWire(false, wire)).toBe(true);
  });
});

describe('containsJson', () => {
  it('matches objects by the keys expected, arrays and values exactly', () => {
    const body = { model: 'x', input: { text: 'hi', voice: 'low' }, tags: ['a', 'b'], n: 1 };
    expect(containsJson(body, { input: { voice: 'low' } })).toBe(true);
    expect(containsJson(body, { tags: ['a', 'b'], n: 1 })).toBe(true);
    expect(containsJson(body, { tags: ['a'] })).toBe(false);
    expect(containsJson(body, { input: { voice: 'high' } })).toBe(false);
    expect(containsJson(body, { missing: null })).toBe(false);
    expect(containsJson(undefined, { n: 1 })).toBe(false);
  });
});
