import { TASKS } from '@genhub/provider';
import { describe, expect, it } from 'vitest';
import { TASK_CLASSES, taskClassOf } from './task-class.js';

describe('taskClassOf', () => {
  it('puts every task in a class', () => {
    for (const task of TASKS) expect(TASK_CLASSES).toContain(taskClassOf(task));
  });

  it('counts a segmentation mask as an image', () => {
    expect(taskClassOf('image-to-mask')).toBe('image');
  });
});
