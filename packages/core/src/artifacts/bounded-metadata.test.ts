import type { JsonObject, JsonValue } from '@genhub/provider';
import { describe, expect, it } from 'vitest';
import { boundedMetadata, MetadataLimits } from './bounded-metadata.js';

describe('boundedMetadata', () => {
  it('leaves small metadata as it is', () => {
    const metadata: JsonObject = {
      title: 'Morning',
      lyrics: 'la '.repeat(1000),
      seed: 42,
      nsfw: false,
      buttons: [{ customId: 'MJ::JOB::upsample::1::abc', label: 'U1' }],
      nothing: null,
    };
    expect(boundedMetadata(metadata)).toEqual(metadata);
  });

  it('cuts a long string and keeps only the header of a data: URL', () => {
    const bounded = boundedMetadata({
      text: 'x'.repeat(1024 * 1024),
      thumbnail: `data:image/png;base64,${'A'.repeat(1024 * 1024)}`,
    });
    expect(bounded.text).toBe(`${'x'.repeat(MetadataLimits.stringChars - 1)}…`);
    expect(bounded.thumbnail).toBe('data:image/png;base64,…');
  });

  it('bounds entries, nesting and the total size of what a provider sends', () => {
    let deep: JsonValue = 'bottom';
    for (let i = 0; i < 50; i++) deep = { next: deep };
    const many = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`key${i}`, 'v'.repeat(1000)]));
    const bounded = boundedMetadata({ deep, list: Array.from({ length: 10_000 }, (_, i) => i), many });
    expect(bounded.list).toHaveLength(MetadataLimits.entries);
    expect(JSON.stringify(bounded.deep).match(/next/g)?.length).toBeLessThanOrEqual(MetadataLimits.depth);
    expect(JSON.stringify(bounded).length).toBeLessThan(MetadataLimits.totalChars + 10_000);
    expect(Object.keys(boundedMetadata(many)).length).toBeLessThanOrEqual(MetadataLimits.entries);
  });
});
