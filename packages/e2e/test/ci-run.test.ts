import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const ciRun = readFileSync(new URL('.ci/run', root), 'utf8');

/** The README's first shell block: one command to set up and run, one to set up and test. */
function readmeCommands(): string[] {
  const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line.length > 0);
}

describe('the front door', () => {
  it('opens with two commands: start, then test', () => {
    expect(readmeCommands()).toEqual(['./scripts/start', './scripts/test']);
  });

  it('CI runs the README test command itself, on both Node versions', () => {
    const testCommand = readmeCommands()[1]!;
    const lines = ciRun.split('\n').map((line) => line.trim());
    expect(lines).toContain(testCommand);
    expect(lines.filter((line) => line.endsWith(` ${testCommand}`) || line === testCommand)).toHaveLength(2);
  });
});
