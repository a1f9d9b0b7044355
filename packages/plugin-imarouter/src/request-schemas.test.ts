import { validateParams } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { createValidator, operations } from './__fixtures__/openapi.js';
import { REQUEST_CASES } from './__fixtures__/request-cases.js';
import { catalogue } from './catalogue.js';
import { OPERATION_COVERAGE } from './operation-coverage.js';

const validator = createValidator();
const models = new Map(catalogue().map((model) => [model.spec.id, model]));

function build(
  model: string,
  task: Parameters<ReturnType<typeof catalogue>[number]['build']>[0],
  raw: Record<string, unknown>,
) {
  const entry = models.get(model);
  if (!entry) throw new Error(`no model ${model}`);
  expect(entry.spec.tasks).toContain(task);
  const { params } = validateParams(entry.spec, raw);
  return entry.build(task, params);
}

describe('every request the plugin sends validates against the document', () => {
  it.each(REQUEST_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const request = build(c.model, c.task, c.params);
    expect(request.operation).toBe(c.operation);
    expect(request.path).toBe(c.operation.split(' ')[1]!.split('#')[0]);
    expect(validator.request(request.operation, request.body)).toEqual([]);
  });

  it('sends the example request of every model as its first task, validly', () => {
    for (const model of models.values()) {
      if (!model.spec.example) continue;
      const task = model.spec.tasks[0]!;
      const request = build(model.spec.id, task, model.spec.example);
      expect(validator.request(request.operation, request.body), model.spec.id).toEqual([]);
      expect(request.body.model ?? request.operation, model.spec.id).toBeDefined();
    }
  });

  it('has a request case for every model and every create operation it covers', () => {
    const cased = new Set(REQUEST_CASES.map((c) => c.model));
    expect([...models.keys()].filter((id) => !cased.has(id))).toEqual([]);
    const sent = new Set(REQUEST_CASES.map((c) => c.operation));
    const coveredCreates = operations()
      .filter((op) => op.method === 'POST' && OPERATION_COVERAGE[op.key]?.covered)
      .filter((op) => !op.path.startsWith('/v1/assets/'))
      .map((op) => op.key);
    expect(coveredCreates.filter((key) => !sent.has(key))).toEqual([]);
  });

  it('sends the remote model id the document enumerates for that operation', () => {
    for (const c of REQUEST_CASES) {
      const request = build(c.model, c.task, c.params);
      const remote = models.get(c.model)!.remote;
      if (request.operation.startsWith('POST /mj/')) continue;
      expect(request.body.model, c.name).toBe(remote);
    }
  });
});

describe('the validator holds requests to the document', () => {
  it('refuses bodies the document forbids', () => {
    expect(validator.request('POST /v1/videos', { model: 'seedance-2.0', prompt: 'x', foo: 1 })).not.toEqual(
      [],
    );
    expect(
      validator.request('POST /v1/images/generations', {
        model: 'gemini-3-pro-image-preview',
        prompt: 'x',
        size: '512px',
      }),
    ).not.toEqual([]);
    expect(
      validator.request('POST /v1/video/generations', { model: 'MiniMax-Hailuo-2.3-Fast', prompt: 'x' }),
    ).not.toEqual([]);
    expect(
      validator.request('POST /api/v1/contents/generations/tasks', {
        model: 'seedance-2.0',
        content: [{ type: 'image_url', image_url: { url: 'http://example.com/a.png' }, role: 'first_frame' }],
      }),
    ).not.toEqual([]);
    expect(validator.request('POST /mj/submit/change', { model: 'mj_upscale', taskId: '1' })).not.toEqual([]);
  });

  it('accepts every request example of the document', () => {
    for (const op of operations()) {
      if (!op.requestSchema) continue;
      for (const example of op.requestExamples) {
        expect(validator.request(op.key, example.value), `${op.key} ${example.name}`).toEqual([]);
      }
    }
  });
});
