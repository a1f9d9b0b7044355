import { describe, expect, it } from 'vitest';
import { ProgressDisplay } from './progress-display.js';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (text: string) => writes.push(text) };
}

describe('ProgressDisplay', () => {
  it('redraws one line in place on a terminal and ends it at the finish', () => {
    const out = stream(true);
    const display = new ProgressDisplay(out);
    display.update('Queued.');
    display.update('Running [##--] 50%.');
    display.update('Running [##--] 50%.');
    display.finish('Done in 3s.');
    expect(out.writes).toEqual([
      '\r\u001b[2KQueued.',
      '\r\u001b[2KRunning [##--] 50%.',
      '\r\u001b[2KDone in 3s.',
      '\n',
    ]);
  });

  it('writes one line per change elsewhere', () => {
    const out = stream(false);
    const display = new ProgressDisplay(out);
    display.update('Queued.');
    display.update('Queued.');
    display.update('Running.');
    display.finish('Running.');
    expect(out.writes).toEqual(['Queued.\n', 'Running.\n']);
  });
});
