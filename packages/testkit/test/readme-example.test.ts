import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const example = readFileSync(new URL('./example-plugin.test.ts', import.meta.url), 'utf8').trimEnd();

describe('the example plugin shown in the READMEs', () => {
  it.each(['../../../README.md', '../README.md'])('is %s verbatim, and under 62 lines', (path) => {
    expect(readFileSync(new URL(path, import.meta.url), 'utf8')).toContain(example);
    expect(example.split('\n').length).toBeLessThan(62);
  });
});
