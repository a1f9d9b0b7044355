import { describe, expect, it } from 'vitest';
import { workflowProblem } from './check-workflow.js';
import type { Workflow } from './load-workflows.js';

const workflow: Workflow = {
  slug: 'tiny',
  file: 'tiny.json',
  graph: {
    '1': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'model.safetensors' } },
    '2': { class_type: 'LoadImage', inputs: { image: 'example.png' } },
    '3': { class_type: 'SaveImage', inputs: { images: ['2', 0] } },
  },
  mapping: {
    name: 'Tiny',
    tasks: ['image-to-image'],
    output: 'image',
    inputs: { prompt: { node: '1', input: 'text' }, image: { node: '2', input: 'image' } },
    result: { node: '3' },
    priceUsd: 0,
  },
};

describe('workflowProblem', () => {
  it('accepts a workflow whose classes and files the server has (old and COMBO choice shapes)', () => {
    expect(
      workflowProblem(workflow, {
        CheckpointLoaderSimple: {
          input: { required: { ckpt_name: ['COMBO', { options: ['model.safetensors'] }] } },
        },
        LoadImage: { input: { required: { image: [[]] } } },
        SaveImage: { input: { required: { images: ['IMAGE'] } } },
      }),
    ).toBeUndefined();
  });

  it('names a node class the server lacks', () => {
    expect(
      workflowProblem(workflow, {
        CheckpointLoaderSimple: { input: { required: { ckpt_name: [['model.safetensors']] } } },
        LoadImage: { input: {} },
      }),
    ).toContain('needs the node SaveImage (node 3)');
  });

  it('names a model file the server lacks, but not an input the mapping fills', () => {
    const problem = workflowProblem(workflow, {
      CheckpointLoaderSimple: { input: { required: { ckpt_name: [['other.safetensors']] } } },
      LoadImage: { input: { required: { image: [['nothing.png']] } } },
      SaveImage: { input: {} },
    });
    expect(problem).toContain('needs model.safetensors for ckpt_name of node 1 (CheckpointLoaderSimple)');
  });
});
