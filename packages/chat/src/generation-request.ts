import {
  GenHubError,
  type JsonObject,
  type ModelSpec,
  type Registry,
  type SafetyLevel,
  type Task,
} from '@genhub/core';
import type { ChatGenHub } from './chat-deps.js';
import type { InputImage } from './chat-message.js';
import type { EffectiveSettings } from './chat-settings.js';
import { generationOptions, SAFETY_OPTION } from './commands.js';
import { inputMediaParams } from './input-media-params.js';
import { noModelSentence } from './no-model-sentence.js';
import { parseTextCommand, resolveFlags } from './parse-text-command.js';
import { parseSafetyLevel } from './safety-level.js';

/** A generation the chat is about to ask for: everything `GenerationService.request` needs but the user. */
export interface PlannedGeneration {
  task: Task;
  model: string;
  params: JsonObject;
  /** The safety level the user asked for (`--safety`); the place's when absent. */
  safetyLevel?: SafetyLevel;
}

/** What the user typed or picked for one generation command. */
export interface GenerationArgs {
  task: Task;
  /** Options by name, typed by the platform (Discord). */
  options?: Readonly<Record<string, string | number | boolean>>;
  /** Prompt and `--flags` as typed after the command (Telegram, console). */
  text?: string;
  images: readonly InputImage[];
}

/**
 * Turns a command's arguments into a request: the model (asked for, else the user's or community's
 * default for the task, else the registry's first; always one the community allows), the settings'
 * defaults where the model takes them, then the arguments, then the input images. Throws a
 * GenHubError with one sentence for anything wrong.
 */
export function planGeneration(
  genhub: ChatGenHub,
  args: GenerationArgs,
  settings: EffectiveSettings,
): PlannedGeneration {
  const typed = args.text === undefined ? undefined : parseTextCommand(`/x ${args.text}`);
  const askedModel =
    stringOption(args.options?.model) ??
    typed?.flags.find((flag) => flag.name.toLowerCase() === 'model')?.value;
  const model = chooseModel(genhub, args.task, askedModel, settings);
  const options = generationOptions(model);
  const params: Record<string, unknown> = {};
  const has = (param: string) =>
    options.some((option) => option.param === param) || param in paramShape(model);
  if (settings.aspectRatio !== undefined && has('aspectRatio')) params.aspectRatio = settings.aspectRatio;
  if (settings.quality !== undefined && has('quality')) params.quality = settings.quality;
  if (typed) {
    const parsed = parseTextCommand(`/x ${args.text ?? ''}`, options) ?? typed;
    const resolved = resolveFlags(parsed.flags, options, { keepUnknown: model.promptFlags === true });
    Object.assign(params, resolved.params);
    const prompt = [parsed.prompt.trim(), ...resolved.unknown].filter((part) => part !== '').join(' ');
    if (prompt !== '') params.prompt = prompt;
  }
  for (const [name, value] of Object.entries(args.options ?? {})) {
    if (name === 'model' || name === 'image') continue;
    const option = options.find((candidate) => candidate.name === name);
    params[option?.param ?? camelCase(name)] = value;
  }
  const safetyLevel = parseSafetyLevel(params[SAFETY_OPTION.param]);
  delete params[SAFETY_OPTION.param];
  if (args.images.length > 0) {
    const images = args.images.map((image) => ({
      url: image.url,
      ...(image.mediaType ? { mediaType: image.mediaType } : {}),
    }));
    Object.assign(params, inputMediaParams(model, args.task, { images }));
  }
  return {
    task: args.task,
    model: model.id,
    params: params as JsonObject,
    ...(safetyLevel === undefined ? {} : { safetyLevel }),
  };
}

/** Throws the community's refusal when its admins do not allow this model (any more). */
export function assertModelAllowed(modelId: string, settings: Pick<EffectiveSettings, 'community'>): void {
  const list = settings.community?.allowedModels;
  if (list === undefined || list.includes(modelId)) return;
  throw new GenHubError(
    'INVALID_INPUT',
    `This community does not allow ${modelId}; pick another with /models or ask an admin.`,
    { details: { param: 'model' } },
  );
}

/** The model for a task, by the rules of `planGeneration`. */
export function chooseModel(
  genhub: Pick<ChatGenHub, 'registry' | 'plugins'>,
  task: Task,
  asked: string | undefined,
  settings: Pick<EffectiveSettings, 'models' | 'community'>,
): ModelSpec {
  const allowed = (model: ModelSpec) => {
    const list = settings.community?.allowedModels;
    return list === undefined || list.includes(model.id);
  };
  if (asked !== undefined && asked.trim() !== '') {
    const model = genhub.registry.resolve(asked.trim()).model;
    if (!model.tasks.includes(task)) {
      throw new GenHubError('INVALID_INPUT', `${model.id} does not do ${task}; pick another with /models.`, {
        details: { param: 'model' },
      });
    }
    assertModelAllowed(model.id, settings);
    return model;
  }
  const preferred = settings.models[task];
  if (preferred !== undefined) {
    const found = tryResolve(genhub.registry, preferred);
    if (found?.tasks.includes(task) && allowed(found)) return found;
  }
  const candidates = genhub.registry.list({ task });
  const model = candidates.find(allowed);
  if (model) return model;
  if (candidates.length > 0) {
    throw new GenHubError('INVALID_INPUT', `This community allows no model for ${task}; ask an admin.`);
  }
  throw new GenHubError('INVALID_INPUT', noModelSentence(task, genhub.plugins), {
    details: { reason: 'no-model', task },
  });
}

function tryResolve(registry: Registry, id: string): ModelSpec | undefined {
  try {
    return registry.resolve(id).model;
  } catch {
    return undefined;
  }
}

function paramShape(model: ModelSpec): Record<string, unknown> {
  const schema = model.params as { shape?: Record<string, unknown> };
  return schema.shape ?? {};
}

function stringOption(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}
