import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_WORKFLOWS_DIR, loadWorkflows } from './load-workflows.js';

const graph = {
  '1': { class_type: 'CLIPTextEncode', inputs: { text: '' } },
  '2': { class_type: 'SaveImage', inputs: {} },
};
const mapping = {
  name: 'One',
  tasks: ['text-to-image'],
  output: 'image',
  inputs: { prompt: { node: '1', input: 'text' } },
  result: { node: '2' },
};

function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'comfyui-load-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

describe('loadWorkflows', () => {
  it('reads the bundled examples', async () => {
    const { workflows, problems } = await loadWorkflows(BUNDLED_WORKFLOWS_DIR);
    expect(problems).toEqual([]);
    expect(workflows.map((workflow) => workflow.slug)).toEqual([
      'mochi-text-to-video',
      'sdxl-image-to-image',
      'sdxl-text-to-image',
    ]);
  });

  it('pairs a workflow with its mapping and skips the ones that do not fit, saying why', async () => {
    const dir = folder({
      'one.json': graph,
      'one.mapping.json': mapping,
      'lonely.json': graph,
      'broken.json': '{ not json',
      'broken.mapping.json': mapping,
      'stray.json': graph,
      'stray.mapping.json': { ...mapping, result: { node: '9' } },
      'bad-task.json': graph,
      'bad-task.mapping.json': { ...mapping, tasks: ['text-to-everything'] },
    });
    const { workflows, problems } = await loadWorkflows(dir);
    expect(workflows.map((workflow) => workflow.slug)).toEqual(['one']);
    expect(workflows[0]?.mapping.priceUsd).toBe(0);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toContain('broken.json is skipped');
    expect(problems.join('\n')).toContain('names node 9, which the workflow lacks');
    expect(problems.join('\n')).toContain('bad-task.json is skipped');
  });
});
