import { OUTPUT_KINDS, TASKS, validateParams } from '@genhub/core';
import type { ConformanceCheck } from '../conformance-check.js';
import { type Finding, modelFinding } from '../finding.js';

function isZodObject(value: unknown): boolean {
  return (value as { _zod?: { def?: { type?: unknown } } } | null)?._zod?.def?.type === 'object';
}

export const modelsListed: ConformanceCheck = {
  id: 'models-listed',
  title: 'lists at least one model',
  run: ({ plugin, models }) =>
    models.length > 0 ? [] : [{ check: 'models-listed', message: `${plugin.id} lists no models.` }],
};

export const modelIds: ConformanceCheck = {
  id: 'model-ids',
  title: 'gives every model a unique lower-case id under the plugin id',
  run({ plugin, models }) {
    const pattern = new RegExp(`^${plugin.id}/[a-z0-9][a-z0-9._:-]*$`);
    const findings: Finding[] = models
      .filter((model) => !pattern.test(model.id))
      .map((model) =>
        modelFinding('model-ids', model.id, `the id is not "${plugin.id}/" and a lower-case name.`),
      );
    const seen = new Set<string>();
    for (const model of models) {
      if (seen.has(model.id)) findings.push(modelFinding('model-ids', model.id, 'the id is listed twice.'));
      seen.add(model.id);
    }
    return findings;
  },
};

export const modelDescriptions: ConformanceCheck = {
  id: 'model-descriptions',
  title: 'gives every model a name, known tasks and a known output kind',
  run({ models }) {
    const findings: Finding[] = [];
    const add = (id: string, problem: string) =>
      findings.push(modelFinding('model-descriptions', id, problem));
    for (const model of models) {
      if (model.name.trim().length === 0) add(model.id, 'the model has no name.');
      if (model.tasks.length === 0) add(model.id, 'the model performs no task.');
      for (const task of model.tasks) {
        if (!(TASKS as readonly string[]).includes(task)) add(model.id, `"${task}" is not a known task.`);
      }
      if (!(OUTPUT_KINDS as readonly string[]).includes(model.output)) {
        add(model.id, `"${model.output}" is not a known output kind.`);
      }
    }
    return findings;
  },
};

export const paramsSchema: ConformanceCheck = {
  id: 'params-schema',
  title: 'describes parameters with a zod object',
  run: ({ models }) =>
    models
      .filter((model) => !isZodObject(model.params))
      .map((model) => modelFinding('params-schema', model.id, '`params` is not a zod object.')),
};

export const sizesAndLimits: ConformanceCheck = {
  id: 'sizes-and-limits',
  title: 'keeps sizes and limits consistent',
  run({ models }) {
    const findings: Finding[] = [];
    const add = (id: string, problem: string) => findings.push(modelFinding('sizes-and-limits', id, problem));
    for (const model of models) {
      const range = model.sizes?.range;
      if (range) {
        if (!(range.step > 0)) add(model.id, `the size step is ${range.step}, not positive.`);
        if (range.minWidth > range.maxWidth || range.minHeight > range.maxHeight) {
          add(model.id, 'the size range has a minimum above its maximum.');
        }
      }
      for (const preset of model.sizes?.presets ?? []) {
        if (!(preset.width > 0 && preset.height > 0)) {
          add(model.id, `size preset ${preset.label} is ${preset.width}x${preset.height}, not positive.`);
        } else if (
          range &&
          (preset.width < range.minWidth ||
            preset.width > range.maxWidth ||
            preset.height < range.minHeight ||
            preset.height > range.maxHeight)
        ) {
          add(
            model.id,
            `size preset ${preset.label} (${preset.width}x${preset.height}) is outside the size range.`,
          );
        }
      }
      for (const [name, limit] of Object.entries(model.limits ?? {})) {
        if (!(Number.isInteger(limit) && (limit as number) > 0)) {
          add(model.id, `limits.${name} is ${String(limit)}, not a positive integer.`);
        }
      }
    }
    return findings;
  },
};

export const examplesValid: ConformanceCheck = {
  id: 'examples-valid',
  title: 'gives examples that pass validation',
  run({ models }) {
    const findings: Finding[] = [];
    for (const model of models) {
      if (!model.example) continue;
      try {
        validateParams(model, model.example);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        findings.push(modelFinding('examples-valid', model.id, `its example does not validate: ${why}`));
      }
    }
    return findings;
  },
};

export const CATALOGUE_CHECKS = [
  modelsListed,
  modelIds,
  modelDescriptions,
  paramsSchema,
  sizesAndLimits,
  examplesValid,
];
