import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage, ChatMessageHandle } from './chat-message.js';
import { StatusPacer } from './status-pacer.js';

function recordingHandle() {
  const edits: Array<{ at: number; text: string }> = [];
  const handle: ChatMessageHandle = {
    ref: {},
    async edit(message: ChatMessage) {
      edits.push({ at: Date.now(), text: message.text });
    },
    async delete() {},
  };
  return { handle, edits };
}

describe('StatusPacer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  it('edits at once, then at most once per interval with the newest text', async () => {
    const { handle, edits } = recordingHandle();
    const pacer = new StatusPacer(handle, 3000);
    pacer.update({ text: 'queued' });
    await vi.advanceTimersByTimeAsync(0);
    pacer.update({ text: '10%' });
    pacer.update({ text: '20%' });
    await vi.advanceTimersByTimeAsync(1000);
    pacer.update({ text: '30%' });
    await vi.advanceTimersByTimeAsync(2000);
    expect(edits).toEqual([
      { at: 0, text: 'queued' },
      { at: 3000, text: '30%' },
    ]);
  });

  it('skips an update equal to what is shown', async () => {
    const { handle, edits } = recordingHandle();
    const pacer = new StatusPacer(handle, 1000);
    pacer.update({ text: 'same' });
    await vi.advanceTimersByTimeAsync(1500);
    pacer.update({ text: 'same' });
    await vi.advanceTimersByTimeAsync(1500);
    expect(edits).toHaveLength(1);
  });

  it('always lands the final message after the gap, dropping what was pending', async () => {
    const { handle, edits } = recordingHandle();
    const pacer = new StatusPacer(handle, 2000);
    pacer.update({ text: 'running' });
    await vi.advanceTimersByTimeAsync(0);
    pacer.update({ text: 'pending' });
    const done = pacer.final({ text: 'done' });
    await vi.advanceTimersByTimeAsync(2000);
    await done;
    pacer.update({ text: 'late' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(edits.map((e) => e.text)).toEqual(['running', 'done']);
    expect(edits[1]?.at).toBe(2000);
  });

  it('reports a failed edit and carries on', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const handle: ChatMessageHandle = {
      ref: {},
      async edit() {
        calls += 1;
        if (calls === 1) throw new Error('gone');
      },
      async delete() {},
    };
    const pacer = new StatusPacer(handle, 10, (error) => errors.push(error));
    pacer.update({ text: 'a' });
    await vi.advanceTimersByTimeAsync(20);
    await pacer.final({ text: 'b' });
    expect(errors).toHaveLength(1);
    expect(calls).toBe(2);
  });
});
