import { SAFETY_LEVELS, TASKS, type Task } from '@genhub/core';
import {
  COMMANDS,
  type CommandOption,
  type CommandSpec,
  generationOptions,
  MAX_CHOICES,
  MAX_OPTIONS,
  MODEL_OPTION,
  type ModelLister,
} from './commands.js';
import { MODERATION_SUBCOMMANDS } from './moderation-commands.js';

/** A subcommand (`/admin grant`). */
export interface SubcommandDefinition {
  name: string;
  description: string;
  options: CommandOption[];
}

/** A command as a platform registers it: Discord's slash command, Telegram's command list entry. */
export interface CommandDefinition {
  name: string;
  description: string;
  spec: CommandSpec;
  options: CommandOption[];
  subcommands?: SubcommandDefinition[];
}

const option = (
  fields: Partial<CommandOption> & Pick<CommandOption, 'name' | 'description' | 'type'>,
): CommandOption => ({
  param: fields.name,
  aliases: [],
  required: false,
  ...fields,
});

/** The input image of `/edit`, `/animate` and `/3d`. */
export const IMAGE_OPTION_NAME = 'image';

const ACCOUNT_OPTIONS: Readonly<Record<string, CommandOption[]>> = {
  models: [
    option({ name: 'task', description: 'Only models for this task', type: 'string', choices: [...TASKS] }),
  ],
  job: [
    option({
      name: 'id',
      description: 'The job id, as shown under its message',
      type: 'string',
      required: true,
    }),
  ],
  cancel: [
    option({ name: 'id', description: 'The job id; your latest running job if left out', type: 'string' }),
  ],
  settings: [
    option({
      name: 'scope',
      description: 'Your own settings, or the community’s (admins)',
      type: 'string',
      choices: ['me', 'community'],
    }),
    { ...MODEL_OPTION, description: 'Your default model for the tasks it performs' },
    option({
      name: 'aspect_ratio',
      description: 'Default aspect ratio, W:H',
      type: 'string',
      aliases: ['ar'],
    }),
    option({ name: 'quality', description: 'Default quality, where a model has one', type: 'string' }),
    option({
      name: 'privacy',
      description: 'Who sees your results',
      type: 'string',
      choices: ['public', 'private'],
    }),
    option({ name: 'delivery', description: 'Where results go', type: 'string', choices: ['here', 'dm'] }),
    option({ name: 'reset', description: 'Forget these settings', type: 'boolean' }),
  ],
};

const ADMIN_SUBCOMMANDS: SubcommandDefinition[] = [
  {
    name: 'grant',
    description: 'Operators: add credits to a user (negative to take back).',
    options: [
      option({ name: 'user', description: 'Who gets them', type: 'user', required: true }),
      option({ name: 'amount_usd', description: 'How much, in USD', type: 'number', required: true }),
    ],
  },
  {
    name: 'models',
    description: 'Allow or block a model in this community, or allow all again.',
    options: [
      option({
        name: 'action',
        description: 'What to do',
        type: 'string',
        required: true,
        choices: ['allow', 'block', 'all'],
      }),
      { ...MODEL_OPTION, description: 'The model' },
    ],
  },
  {
    name: 'limits',
    description: 'Set a member’s daily spend, the price that asks to confirm, free allowances.',
    options: [
      option({
        name: 'member_daily_usd',
        description: 'Most a member may spend a day, in USD (0: no limit)',
        type: 'number',
        min: 0,
      }),
      option({
        name: 'confirm_above_usd',
        description: 'Ask to confirm above this price, in USD',
        type: 'number',
        min: 0,
      }),
      option({
        name: 'welcome_usd',
        description: 'Free credit for a new member, in USD (at most GenHub’s own)',
        type: 'number',
        min: 0,
      }),
      option({
        name: 'daily_free_usd',
        description: 'Free spending per member per day, in USD (at most GenHub’s own)',
        type: 'number',
        min: 0,
      }),
    ],
  },
  {
    name: 'payer',
    description: 'Who pays for members’ generations here.',
    options: [
      option({
        name: 'who',
        description: 'The member, or the community’s credits',
        type: 'string',
        required: true,
        choices: ['user', 'community'],
      }),
    ],
  },
  ...MODERATION_SUBCOMMANDS,
  {
    name: 'safety',
    description: 'Safety level (strict, standard, mature) here or community-wide, and spoilers.',
    options: [
      option({
        name: 'level',
        description: 'mature only in age-restricted places; default removes this place’s own',
        type: 'string',
        choices: [...SAFETY_LEVELS, 'default'],
      }),
      option({
        name: 'where',
        description: 'The whole community (default), or only here',
        type: 'string',
        choices: ['community', 'here'],
      }),
      option({ name: 'spoiler', description: 'Post mature results behind a spoiler', type: 'boolean' }),
      option({
        name: 'exclude_uncontrolled',
        description: 'On strict, leave out models with no safety controls',
        type: 'boolean',
      }),
    ],
  },
];

/**
 * Every command with its options, from the registry: a generation command offers the options of
 * all models for its tasks (each model validates its own on use), the model with autocomplete, and
 * an image attachment where the command takes one. At most 25 options, required ones first.
 */
export function commandDefinitions(registry: ModelLister): CommandDefinition[] {
  return COMMANDS.map((spec) => commandDefinition(registry, spec));
}

/** One command's definition, as `commandDefinitions` gives it. */
export function commandDefinition(registry: ModelLister, spec: CommandSpec): CommandDefinition {
  const base = { name: spec.name, description: spec.description, spec };
  if (spec.kind === 'generation') return { ...base, options: generationCommandOptions(registry, spec) };
  if (spec.name === 'admin') return { ...base, options: [], subcommands: ADMIN_SUBCOMMANDS };
  return { ...base, options: ACCOUNT_OPTIONS[spec.name] ?? [] };
}

function generationCommandOptions(registry: ModelLister, spec: CommandSpec): CommandOption[] {
  const models = spec.tasks.flatMap((task: Task) => registry.list({ task }));
  const merged = new Map<string, CommandOption>();
  const counts = new Map<string, number>();
  for (const model of models) {
    for (const candidate of generationOptions(model)) {
      counts.set(candidate.name, (counts.get(candidate.name) ?? 0) + (candidate.required ? 1 : 0));
      const known = merged.get(candidate.name);
      merged.set(candidate.name, known ? mergeOption(known, candidate) : { ...candidate });
    }
  }
  if (!merged.has('prompt') && spec.takesPrompt) {
    merged.set(
      'prompt',
      option({ name: 'prompt', description: 'What to make', type: 'string', required: true }),
    );
  }
  const options = [...merged.values()].map((item) => ({
    ...item,
    // Required only when every model of the command needs it.
    required: item.name === 'model' ? false : models.length > 0 && counts.get(item.name) === models.length,
  }));
  if (spec.needsImage || spec.tasks.some((task) => task.startsWith('image-'))) {
    options.splice(
      1,
      0,
      option({
        name: IMAGE_OPTION_NAME,
        description: 'The input image',
        type: 'attachment',
        required: spec.needsImage,
      }),
    );
  }
  if (!options.some((item) => item.name === 'model')) options.splice(1, 0, { ...MODEL_OPTION });
  const ordered = [...options.filter((o) => o.required), ...options.filter((o) => !o.required)];
  return ordered.slice(0, MAX_OPTIONS);
}

/** Two models' versions of one option: the looser bounds, choices merged while they fit. */
function mergeOption(a: CommandOption, b: CommandOption): CommandOption {
  if (a.type !== b.type) return a;
  const merged: CommandOption = { ...a };
  if (a.min !== undefined && b.min !== undefined) merged.min = Math.min(a.min, b.min);
  else delete merged.min;
  if (a.max !== undefined && b.max !== undefined) merged.max = Math.max(a.max, b.max);
  else delete merged.max;
  if (a.maxLength !== undefined && b.maxLength !== undefined)
    merged.maxLength = Math.max(a.maxLength, b.maxLength);
  else delete merged.maxLength;
  delete merged.default;
  const allowedA = a.allowed ?? a.choices;
  const allowedB = b.allowed ?? b.choices;
  if (allowedA && allowedB) {
    const union = [...new Set([...allowedA, ...allowedB])];
    merged.allowed = union;
    if (union.length <= MAX_CHOICES) merged.choices = union;
    else {
      delete merged.choices;
      merged.autocomplete = true;
    }
  } else {
    delete merged.allowed;
    delete merged.choices;
    if (a.autocomplete || b.autocomplete) merged.autocomplete = true;
  }
  return merged;
}
