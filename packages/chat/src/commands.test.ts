import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenHub, describeModel, type GenHub, type ModelSpec, silentLogger, TASKS } from '@genhub/core';
import { fakeModels, fakePlugin } from '@genhub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMANDS, findCommand, generationOptions, MAX_CHOICES, modelChoices, taskFor } from './commands.js';

const fake = (id: string): ModelSpec => fakeModels.find((model) => model.id === id)!;

describe('the command catalogue', () => {
  it('has every command once, with a short description, and tasks only on generation commands', () => {
    const names = COMMANDS.map((command) => command.name);
    expect(names).toEqual([
      'imagine',
      'vector',
      'edit',
      'video',
      'animate',
      'speak',
      'sound',
      'music',
      '3d',
      'models',
      'credits',
      'usage',
      'job',
      'cancel',
      'settings',
      'admin',
      'help',
    ]);
    for (const command of COMMANDS) {
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect(command.name).toMatch(/^[a-z0-9_-]{1,32}$/);
      expect(command.tasks.length > 0).toBe(command.kind === 'generation');
      for (const task of command.tasks) expect(TASKS).toContain(task);
    }
    expect(findCommand('Edit')?.needsImage).toBe(true);
    expect(findCommand('animate')?.tasks).toEqual(['image-to-video']);
    expect(findCommand('nope')).toBeUndefined();
  });

  it('picks the image task of /3d only when an image comes with it', () => {
    const threeD = findCommand('3d')!;
    expect(taskFor(threeD, false)).toBe('text-to-3d');
    expect(taskFor(threeD, true)).toBe('image-to-3d');
    expect(taskFor(findCommand('imagine')!, true)).toBe('text-to-image');
    expect(taskFor(findCommand('credits')!, false)).toBeUndefined();
    expect(taskFor(findCommand('vector')!, false)).toBe('text-to-vector');
    expect(taskFor(findCommand('vector')!, true)).toBe('image-to-vector');
    expect(taskFor(findCommand('sound')!, false)).toBe('text-to-sound');
  });
});

describe('generationOptions', () => {
  it('turns the image model schema into options: prompt, model, vocabulary, then the rest', () => {
    const options = generationOptions(fake('fake/image'));
    expect(options.map((o) => o.name)).toEqual([
      'prompt',
      'model',
      'safety',
      'negative_prompt',
      'aspect_ratio',
      'seed',
      'quantity',
      'width',
      'height',
    ]);
    const byName = Object.fromEntries(options.map((o) => [o.name, o]));
    expect(byName.prompt).toMatchObject({ type: 'string', required: true, maxLength: 1000 });
    expect(byName.model).toMatchObject({ required: false, autocomplete: true });
    expect(byName.safety).toMatchObject({ param: 'safetyLevel', choices: ['strict', 'standard', 'mature'] });
    expect(byName.quantity).toMatchObject({ type: 'integer', min: 1, max: 4, default: 1, aliases: ['n'] });
    // No absurd bound for an unbounded integer.
    expect(byName.seed).toMatchObject({ type: 'integer', min: 0 });
    expect(byName.seed?.max).toBeUndefined();
    // The model takes sizes, so the ratio is offered from its presets.
    expect(byName.aspect_ratio).toMatchObject({ param: 'aspectRatio', choices: ['1:1', '16:9', '9:16'] });
    // Media inputs are attachments, never options.
    expect(options.some((o) => o.param === 'images')).toBe(false);
  });

  it('offers enums as choices and accepts a ModelDescription as well as a ModelSpec', () => {
    const fromSpec = generationOptions(fake('fake/video'));
    expect(generationOptions(describeModel(fake('fake/video')))).toEqual(fromSpec);
    expect(fromSpec.find((o) => o.param === 'aspectRatio')).toMatchObject({
      choices: ['16:9', '9:16', '1:1'],
      default: '16:9',
    });
    expect(fromSpec.find((o) => o.param === 'duration')).toMatchObject({ type: 'number', min: 1, max: 10 });
    expect(generationOptions(fake('fake/speech')).find((o) => o.param === 'voice')?.choices).toEqual([
      'alloy',
      'echo',
      'nova',
    ]);
  });

  it('keeps to 25 options and 25 choices, required ones first', () => {
    const shape: Record<string, z.ZodType> = { prompt: z.string() };
    for (let i = 0; i < 40; i++) shape[`extra${i}`] = z.number().optional();
    shape.mode = z.enum(Array.from({ length: 30 }, (_, i) => `m${i}`));
    const model: ModelSpec = { ...fake('fake/music'), id: 'fake/big', params: z.object(shape) };
    const options = generationOptions(model);
    expect(options).toHaveLength(25);
    expect(options[0]?.name).toBe('prompt');
    const mode = options.find((o) => o.param === 'mode');
    expect(mode).toMatchObject({ required: true, autocomplete: true });
    expect(mode?.choices).toBeUndefined();
    expect(mode?.allowed).toHaveLength(30);
    expect(options.findIndex((o) => !o.required)).toBeGreaterThan(options.indexOf(mode!));
  });
});

describe('against a real registry', () => {
  let genhub: GenHub;
  beforeAll(async () => {
    genhub = await createGenHub(
      { dataDir: mkdtempSync(join(tmpdir(), 'genhub-chat-')) },
      { plugins: [fakePlugin], env: { GENHUB_FAKE_API_KEY: 'fake-key' }, logger: silentLogger },
    );
  });
  afterAll(async () => {
    await genhub.close();
  });

  it('lists the models of a task for a picker, best matches first', () => {
    expect(modelChoices(genhub.registry, 'text-to-image')).toEqual([
      { name: 'Fake Image (fake/image)', value: 'fake/image' },
    ]);
    expect(modelChoices(genhub.registry, 'image-to-video', 'vid').map((c) => c.value)).toEqual([
      'fake/video',
    ]);
    expect(modelChoices(genhub.registry, 'text-to-image', 'video')).toEqual([]);
    expect(modelChoices(genhub.registry, 'text-to-speech', 'FAKE/SPEECH').map((c) => c.value)).toEqual([
      'fake/speech',
    ]);
  });

  it('derives options for every registered model within the limits', () => {
    for (const model of genhub.registry.list()) {
      const options = generationOptions(model);
      expect(options.length).toBeLessThanOrEqual(25);
      expect(options[0]?.param).toBe('prompt');
      expect(new Set(options.map((o) => o.name)).size).toBe(options.length);
      for (const option of options) {
        expect(option.name).toMatch(/^[a-z0-9_]{1,32}$/);
        expect(option.description.length).toBeLessThanOrEqual(100);
        expect((option.choices ?? []).length).toBeLessThanOrEqual(MAX_CHOICES);
      }
    }
  });
});

describe('modelChoices ranking', () => {
  const models: ModelSpec[] = ['flux-pro', 'flux-dev', 'sdxl-flux', 'alpha', 'flux'].map((name) => ({
    ...fake('fake/image'),
    id: `gateai/${name}`,
    name: name.toUpperCase(),
  }));
  const many: ModelSpec[] = Array.from({ length: 40 }, (_, i) => ({
    ...fake('fake/image'),
    id: `p/m${String(i).padStart(2, '0')}`,
    name: `M${String(i).padStart(2, '0')}`,
  }));
  const lister = (list: ModelSpec[]) => ({ list: () => list });

  it('puts exact, then prefix, then containing matches first, each by name', () => {
    expect(modelChoices(lister(models), 'text-to-image', 'flux').map((c) => c.value)).toEqual([
      'gateai/flux',
      'gateai/flux-dev',
      'gateai/flux-pro',
      'gateai/sdxl-flux',
    ]);
  });

  it('caps at 25', () => {
    expect(modelChoices(lister(many), 'text-to-image')).toHaveLength(25);
    expect(modelChoices(lister(many), 'text-to-image', 'm3').map((c) => c.value)).toEqual(
      Array.from({ length: 10 }, (_, i) => `p/m3${i}`),
    );
  });
});
