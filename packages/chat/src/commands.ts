import {
  describeModel,
  type JsonObject,
  type ModelDescription,
  type ModelSpec,
  SAFETY_LEVELS,
  type Task,
} from '@genhub/core';

/** What a command is for: making something, or looking at or managing one's own things. */
export type CommandKind = 'generation' | 'info' | 'account' | 'admin';

/** One chat command, platform-neutral: Discord's slash command and Telegram's `/command` both come from it. */
export interface CommandSpec {
  /** Lower case, as typed after the slash. */
  name: string;
  /** One line in English, under 100 characters (Discord's limit). */
  description: string;
  kind: CommandKind;
  /** The tasks it runs; the first is the one without an input image. Empty for non-generation commands. */
  tasks: readonly Task[];
  /** Whether it takes a free-text prompt. */
  takesPrompt: boolean;
  /** Whether it needs an input image (an attachment, a photo replied to, or a previous result). */
  needsImage: boolean;
}

/** The command catalogue, in the order a help text lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'imagine',
    description: 'Create images from a text prompt.',
    kind: 'generation',
    tasks: ['text-to-image'],
    takesPrompt: true,
    needsImage: false,
  },
  {
    name: 'vector',
    description: 'Create an SVG from a text prompt, or trace an image you attach into one.',
    kind: 'generation',
    tasks: ['text-to-vector', 'image-to-vector'],
    takesPrompt: true,
    needsImage: false,
  },
  {
    name: 'edit',
    description: 'Change an image you attach, following a text prompt.',
    kind: 'generation',
    tasks: ['image-to-image'],
    takesPrompt: true,
    needsImage: true,
  },
  {
    name: 'video',
    description: 'Create a video from a text prompt.',
    kind: 'generation',
    tasks: ['text-to-video'],
    takesPrompt: true,
    needsImage: false,
  },
  {
    name: 'animate',
    description: 'Turn an image into a video.',
    kind: 'generation',
    tasks: ['image-to-video'],
    takesPrompt: true,
    needsImage: true,
  },
  {
    name: 'speak',
    description: 'Read a text aloud.',
    kind: 'generation',
    tasks: ['text-to-speech'],
    takesPrompt: true,
    needsImage: false,
  },
  {
    name: 'sound',
    description: 'Create a sound effect from a text prompt.',
    kind: 'generation',
    tasks: ['text-to-sound'],
    takesPrompt: true,
    needsImage: false,
  },
  {
    name: 'music',
    description: 'Compose music from a text prompt.',
    kind: 'generation',
    tasks: ['text-to-music'],
    takesPrompt: true,
    needsImage: false,
  },
  {
    name: '3d',
    description: 'Create a 3D model from a text prompt or an image.',
    kind: 'generation',
    tasks: ['text-to-3d', 'image-to-3d'],
    takesPrompt: true,
    needsImage: false,
  },
  {
    name: 'models',
    description: 'Browse the models by task, with their prices.',
    kind: 'info',
    tasks: [],
    takesPrompt: false,
    needsImage: false,
  },
  {
    name: 'credits',
    description: 'Show your balance, daily budget and jobs in flight.',
    kind: 'account',
    tasks: [],
    takesPrompt: false,
    needsImage: false,
  },
  {
    name: 'usage',
    description: 'List your past generations and what they cost.',
    kind: 'account',
    tasks: [],
    takesPrompt: false,
    needsImage: false,
  },
  {
    name: 'job',
    description: 'Bring back a job by its id, with its buttons.',
    kind: 'account',
    tasks: [],
    takesPrompt: false,
    needsImage: false,
  },
  {
    name: 'cancel',
    description: 'Cancel a job that is still running.',
    kind: 'account',
    tasks: [],
    takesPrompt: false,
    needsImage: false,
  },
  {
    name: 'settings',
    description: 'Set your defaults: model, aspect ratio, quality, privacy, delivery.',
    kind: 'account',
    tasks: [],
    takesPrompt: false,
    needsImage: false,
  },
  {
    name: 'admin',
    description: 'Community admins: models, limits and who pays; operators: grant credits.',
    kind: 'admin',
    tasks: [],
    takesPrompt: false,
    needsImage: false,
  },
  {
    name: 'help',
    description: 'Show what GenHub can do and how to ask for it.',
    kind: 'info',
    tasks: [],
    takesPrompt: false,
    needsImage: false,
  },
];

const byName = new Map(COMMANDS.map((command) => [command.name, command]));

/** The command with this name (case-insensitive), or undefined. */
export function findCommand(name: string): CommandSpec | undefined {
  return byName.get(name.trim().toLowerCase());
}

/**
 * The task a generation command runs: commands with two tasks (`/3d`) take the image one when an
 * image comes with the request. Undefined for commands that generate nothing.
 */
export function taskFor(command: CommandSpec, hasImage: boolean): Task | undefined {
  if (command.tasks.length === 0) return undefined;
  if (hasImage) return command.tasks.find((task) => task.startsWith('image-')) ?? command.tasks[0];
  return command.tasks.find((task) => !task.startsWith('image-')) ?? command.tasks[0];
}

/** The most options and choices one command may have (Discord's limits, and a sane bound elsewhere). */
export const MAX_OPTIONS = 25;
export const MAX_CHOICES = 25;
const MAX_DESCRIPTION = 100;

export type OptionType = 'string' | 'integer' | 'number' | 'boolean' | 'attachment' | 'user' | 'channel';

/** A command argument, platform-neutral. */
export interface CommandOption {
  /** Lower-case snake_case, safe as a Discord option name and as a `--flag`. */
  name: string;
  /** The model parameter it fills (`negativePrompt`); `model` for the model choice. */
  param: string;
  /** Shorter flags that mean the same (`ar`, `no`, `n`). */
  aliases: readonly string[];
  description: string;
  type: OptionType;
  /** The allowed values, when there are at most 25; more are in `allowed`, with `autocomplete`. */
  choices?: ReadonlyArray<string | number>;
  /** Every allowed value, when the model lists them. */
  allowed?: ReadonlyArray<string | number>;
  min?: number;
  max?: number;
  maxLength?: number;
  default?: string | number | boolean;
  required: boolean;
  /** Values come from a lookup as the user types (the model, long enums). */
  autocomplete?: boolean;
}

/** Vocabulary parameters that become options, in the order they are offered. */
const VOCABULARY_ORDER = [
  'prompt',
  'negativePrompt',
  'aspectRatio',
  'seed',
  'duration',
  'voice',
  'quantity',
  'style',
  'fps',
  'width',
  'height',
] as const;

const ALIASES: Readonly<Record<string, readonly string[]>> = {
  negativePrompt: ['no'],
  aspectRatio: ['ar'],
  quantity: ['n'],
};

/** `negativePrompt` -> `negative_prompt`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .toLowerCase();
}

function isDescription(model: ModelSpec | ModelDescription): model is ModelDescription {
  return !('shape' in (model.params as object));
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= MAX_DESCRIPTION ? line : `${line.slice(0, MAX_DESCRIPTION - 1)}…`;
}

const SAFE = Number.MAX_SAFE_INTEGER;

function optionFromSchema(param: string, schema: JsonObject, required: boolean): CommandOption | undefined {
  const enumValues = Array.isArray(schema.enum)
    ? schema.enum.filter(
        (value): value is string | number => typeof value === 'string' || typeof value === 'number',
      )
    : undefined;
  let type: OptionType;
  if (schema.type === 'integer') type = 'integer';
  else if (schema.type === 'number') type = 'number';
  else if (schema.type === 'boolean') type = 'boolean';
  else if (schema.type === 'string' || (enumValues && enumValues.length > 0)) type = 'string';
  else return undefined; // arrays and objects (media inputs) come from attachments, not options
  const option: CommandOption = {
    name: snakeCase(param),
    param,
    aliases: ALIASES[param] ?? [],
    description: clip(typeof schema.description === 'string' ? schema.description : humanise(param)),
    type,
    required,
  };
  if (enumValues && enumValues.length > 0) {
    option.allowed = enumValues;
    if (enumValues.length <= MAX_CHOICES) option.choices = enumValues;
    else option.autocomplete = true;
  }
  const min = numberOr(schema.minimum) ?? exclusive(schema.exclusiveMinimum, type, 1);
  const max = numberOr(schema.maximum) ?? exclusive(schema.exclusiveMaximum, type, -1);
  if (min !== undefined && Math.abs(min) < SAFE) option.min = min;
  if (max !== undefined && Math.abs(max) < SAFE) option.max = max;
  if (typeof schema.maxLength === 'number') option.maxLength = schema.maxLength;
  const fallback = schema.default;
  if (typeof fallback === 'string' || typeof fallback === 'number' || typeof fallback === 'boolean') {
    option.default = fallback;
  }
  return option;
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** An exclusive bound as an inclusive one where the type allows it (integers); numbers keep it as is. */
function exclusive(value: unknown, type: OptionType, step: 1 | -1): number | undefined {
  const bound = numberOr(value);
  if (bound === undefined) return undefined;
  return type === 'integer' ? bound + step : bound;
}

function humanise(param: string): string {
  const words = snakeCase(param).replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The option that picks the model; its values come from `modelChoices`. */
export const MODEL_OPTION: CommandOption = {
  name: 'model',
  param: 'model',
  aliases: [],
  description: 'The model to use',
  type: 'string',
  required: false,
  autocomplete: true,
};

/** The option that asks for a safety level at most the place's (`resolveSafety`); not a model parameter. */
export const SAFETY_OPTION: CommandOption = {
  name: 'safety',
  param: 'safetyLevel',
  aliases: [],
  description: 'Safety level, up to what this place allows',
  type: 'string',
  required: false,
  choices: [...SAFETY_LEVELS],
};

/**
 * A generation command's options for one model, from its parameter schema: the prompt, the model,
 * the shared vocabulary (negative prompt, aspect ratio, seed, duration, voice, quantity, ...), then
 * the model's own parameters; required ones before optional ones, at most 25. Media inputs are not
 * options: they come from attachments.
 */
export function generationOptions(model: ModelSpec | ModelDescription): CommandOption[] {
  const description = isDescription(model) ? model : describeModel(model);
  const properties = (description.params.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set(
    Array.isArray(description.params.required) ? description.params.required.map(String) : [],
  );
  const options: CommandOption[] = [];
  const seen = new Set<string>();
  const add = (param: string): void => {
    const schema = properties[param];
    if (!schema || seen.has(param)) return;
    seen.add(param);
    const option = optionFromSchema(param, schema, required.has(param) && schema.default === undefined);
    if (option) options.push(option);
  };
  for (const param of VOCABULARY_ORDER) {
    add(param);
    // Models that take sizes instead of a ratio still take `aspectRatio`: core turns it into width x height.
    if (param === 'aspectRatio' && !properties.aspectRatio && convertsAspectRatio(description, properties)) {
      options.push(aspectRatioOption(description));
    }
  }
  for (const param of Object.keys(properties)) add(param);
  const promptIndex = options.findIndex((option) => option.param === 'prompt');
  options.splice(promptIndex + 1, 0, MODEL_OPTION, SAFETY_OPTION);
  // Stable: required first (Discord insists), otherwise the order above.
  const ordered = [...options.filter((o) => o.required), ...options.filter((o) => !o.required)];
  return ordered.slice(0, MAX_OPTIONS);
}

function convertsAspectRatio(description: ModelDescription, properties: Record<string, JsonObject>): boolean {
  return description.sizes !== undefined && properties.width !== undefined && properties.height !== undefined;
}

function aspectRatioOption(description: ModelDescription): CommandOption {
  const presets = Array.isArray(description.sizes?.presets) ? description.sizes.presets : [];
  const labels = presets
    .map((preset) =>
      preset && typeof preset === 'object' && !Array.isArray(preset) ? preset.label : undefined,
    )
    .filter((label): label is string => typeof label === 'string' && /^\d+(\.\d+)?:\d+(\.\d+)?$/.test(label));
  const option: CommandOption = {
    name: 'aspect_ratio',
    param: 'aspectRatio',
    aliases: ['ar'],
    description: 'Aspect ratio, W:H',
    type: 'string',
    required: false,
  };
  if (labels.length > 0 && labels.length <= MAX_CHOICES) option.choices = labels;
  return option;
}

/** One entry of a model picker: what the user sees and the id sent back. */
export interface ModelChoice {
  name: string;
  value: string;
}

/** The registry surface `modelChoices` needs. */
export interface ModelLister {
  list(filter: { task?: Task }): ModelSpec[];
}

/**
 * Models for a task as picker entries, at most 25: exact matches of id, bare name, alias or display
 * name first, then prefix matches, then ones containing the query, then the rest of the task's
 * models when the query is empty; ties by display name.
 */
export function modelChoices(registry: ModelLister, task: Task, query = ''): ModelChoice[] {
  const needle = query.trim().toLowerCase();
  const ranked: Array<{ model: ModelSpec; rank: number }> = [];
  for (const model of registry.list({ task })) {
    const id = model.id.toLowerCase();
    const names = [
      id,
      id.slice(id.indexOf('/') + 1),
      model.name.toLowerCase(),
      ...(model.aliases ?? []).map((a) => a.toLowerCase()),
    ];
    let rank: number;
    if (needle === '') rank = 3;
    else if (names.some((name) => name === needle)) rank = 0;
    else if (names.some((name) => name.startsWith(needle))) rank = 1;
    else if (names.some((name) => name.includes(needle))) rank = 2;
    else continue;
    ranked.push({ model, rank });
  }
  return ranked
    .sort(
      (a, b) =>
        a.rank - b.rank || a.model.name.localeCompare(b.model.name) || a.model.id.localeCompare(b.model.id),
    )
    .slice(0, MAX_CHOICES)
    .map(({ model }) => ({ name: choiceLabel(model), value: model.id }));
}

function choiceLabel(model: ModelSpec): string {
  const label = model.name.toLowerCase() === model.id ? model.id : `${model.name} (${model.id})`;
  return label.length <= MAX_DESCRIPTION ? label : `${label.slice(0, MAX_DESCRIPTION - 1)}…`;
}
