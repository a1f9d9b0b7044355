import {
  findCommand,
  formatUsd,
  type InputMedia,
  inputMediaParams,
  jobStatusLine,
  noModelSentence,
  taskFor,
  userMessage,
  warningText,
} from '@genhub/chat';
import {
  createGenHub,
  createLogger,
  currentModel,
  type GenHub,
  GenHubError,
  type JobRecord,
  loadConfig,
  type ModelSpec,
  Redactor,
  SAFETY_LEVELS,
  type SafetyLevel,
  TASKS,
  type Task,
} from '@genhub/core';
import { cliErrorSentence } from './cli-error-sentence.js';
import { parseCommandLine } from './command-line.js';
import { configuredArtifacts } from './configured-artifacts.js';
import { configuredStore } from './configured-store.js';
import { CONSOLE_USER } from './console-chat.js';
import { inputFromArgument } from './input-file.js';
import { JobTracker } from './job-tracker.js';
import { paramsFromFlags } from './param-flags.js';
import { runtimePlugins } from './plugins.js';
import { ProgressDisplay } from './progress-display.js';
import { saveArtifacts } from './save-artifacts.js';
import { UsageError } from './usage-error.js';

/** What a Ctrl-C ends with, as shells report a process stopped by SIGINT. */
export const INTERRUPTED_EXIT_CODE = 130;

/** Tasks that take no prompt-only request: what to give them. */
const NEEDS_INPUT: Partial<Record<Task, string>> = {
  'image-to-image': '--image',
  'image-to-video': '--image',
  'image-to-vector': '--image',
  'image-to-mask': '--image',
  'image-to-3d': '--image',
  upscale: '--image',
  'video-to-video': '--video',
};

/**
 * `genhub generate <task> "<prompt>"`: one generation through the whole pipeline (limits, credits,
 * queue, provider, files) as the console user, or `--user`. Input files come with `--image`
 * (repeatable: first frame, last frame, references), `--mask`, `--video` and `--audio`, as paths or
 * links. Progress and warnings go to stderr, the paths of the saved files to stdout (or one JSON
 * result with `--json`). 0 when it succeeded, 1 when it failed (refunded), 2 for a bad argument or
 * parameter, 130 after Ctrl-C (the job is cancelled and refunded).
 */
export async function generate(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    model: { type: 'string' },
    out: { type: 'string' },
    param: { type: 'string', multiple: true },
    user: { type: 'string' },
    image: { type: 'string', multiple: true },
    mask: { type: 'string' },
    video: { type: 'string' },
    audio: { type: 'string' },
    json: { type: 'boolean' },
    safety: { type: 'string' },
  });
  const [taskName, ...words] = positionals;
  if (taskName === undefined) {
    throw new UsageError(
      'Say what to make and from what, such as: genhub generate text-to-image "a red fox".',
    );
  }
  const givesInput = [values.image?.length, values.mask, values.video, values.audio].some(Boolean);
  const task = taskFromName(taskName, givesInput);
  const prompt = words.join(' ').trim();
  const inputFlag = NEEDS_INPUT[task];
  if (inputFlag !== undefined && !givesInput) {
    throw new UsageError(`${task} needs an input file: add ${inputFlag} with a file path or an https link.`);
  }
  if (prompt === '' && !givesInput)
    throw new UsageError(`Give the prompt after the task: genhub generate ${taskName} "a red fox".`);
  const safety = safetyLevelFrom(values.safety);
  const userId = values.user?.trim() ?? CONSOLE_USER;
  if (userId === '') throw new UsageError('--user needs a user id, such as console.');

  const interruption = watchInterruption();
  try {
    const config = loadConfig();
    // Logs go to stderr with the progress; stdout carries only the paths of the saved files.
    const logger = createLogger({
      level: config.logLevel,
      redactor: new Redactor(),
      destination: process.stderr,
    });
    const maxInputBytes = config.jobs.maxInputMegabytes * 1024 * 1024;
    const input = async (flag: string, value: string | undefined) =>
      value === undefined ? undefined : inputFromArgument(flag, value, maxInputBytes);
    const media: InputMedia = {
      images: await Promise.all(
        (values.image ?? []).map((value) => inputFromArgument('image', value, maxInputBytes)),
      ),
      mask: await input('mask', values.mask),
      video: await input('video', values.video),
      audio: await input('audio', values.audio),
    };
    const genhub = await createGenHub(config, {
      plugins: runtimePlugins,
      logger,
      ...(await configuredStore(config)),
      ...(await configuredArtifacts(config)),
    });
    try {
      if (interruption.fired) return INTERRUPTED_EXIT_CODE;
      return await run(genhub, {
        media,
        json: values.json === true,
        task,
        prompt,
        userId,
        model: values.model,
        params: values.param ?? [],
        outDir: values.out ?? 'genhub-output',
        interruption,
        safety,
      });
    } finally {
      await genhub.close();
    }
  } finally {
    interruption.dispose();
  }
}

interface RunOptions {
  media: InputMedia;
  json: boolean;
  task: Task;
  prompt: string;
  userId: string;
  model: string | undefined;
  params: readonly string[];
  outDir: string;
  interruption: Interruption;
  /** `--safety`: the operator's level (`safety.level`) unless given. */
  safety: SafetyLevel | undefined;
}

async function run(genhub: GenHub, options: RunOptions): Promise<number> {
  const { task, userId, interruption } = options;
  const model = pickModel(genhub, task, options.model);
  if (!model) {
    console.error(noModelSentence(task, genhub.plugins));
    return 1;
  }
  const params = paramsFromFlags(options.params, model);
  let mediaParams: Record<string, unknown>;
  try {
    mediaParams = inputMediaParams(model, task, options.media);
  } catch (error) {
    if (GenHubError.isInstance(error)) throw new UsageError(userMessage(error));
    throw error;
  }

  // Only this job: unfinished jobs of the store belong to `genhub start`, which resumes them.
  await genhub.start({ resume: false });
  if (interruption.fired) return INTERRUPTED_EXIT_CODE;
  // The tracker listens before the request, so no event of the new job is missed.
  const tracker = new JobTracker(genhub.generation, userId);
  try {
    let job: JobRecord;
    try {
      job = await genhub.generation.request({
        userId,
        task,
        model: model.id,
        params: { ...(options.prompt === '' ? {} : { prompt: options.prompt }), ...params, ...mediaParams },
        origin: { frontEnd: 'cli' },
        ...(options.safety === undefined ? {} : { safety: { level: options.safety } }),
      });
    } catch (error) {
      if (GenHubError.isInstance(error) && error.code === 'INVALID_INPUT')
        throw new UsageError(userMessage(error));
      console.error(cliErrorSentence(error, userId));
      return 1;
    }
    const price = job.reservedMicros > 0 ? `, up to ${formatUsd({ micros: job.reservedMicros })}` : '';
    console.error(`Job ${job.id} on ${currentModel(job)}${price}.`);
    const warned = new Set<string>();
    const printWarnings = (record: JobRecord) => {
      for (const warning of record.warnings) {
        const text = warningText(warning);
        if (warned.has(text)) continue;
        warned.add(text);
        console.error(`Warning: ${text}.`);
      }
    };
    printWarnings(job);

    const display = new ProgressDisplay(process.stderr);
    const queuePosition = (record: JobRecord) => {
      const position = record.state === 'queued' ? genhub.generation.queuePosition(record.id) : undefined;
      return position === undefined ? {} : { queuePosition: position };
    };
    const finished = tracker.follow(job, (record) =>
      display.update(jobStatusLine(record, queuePosition(record))),
    );
    let record = await Promise.race([finished, interruption.promise.then(() => undefined)]);
    if (record === undefined) {
      display.update('Cancelling...');
      record = await genhub.generation.cancel(job.id, userId);
      if (record.state !== 'succeeded') {
        display.finish(`${jobStatusLine(record)}${chargeNote(record)}`);
        return INTERRUPTED_EXIT_CODE;
      }
    }
    display.finish(`${jobStatusLine(record)}${record.state === 'succeeded' ? '' : chargeNote(record)}`);
    printWarnings(record);
    if (record.state !== 'succeeded') {
      if (options.json) console.log(JSON.stringify(jsonResult(record, [])));
      return 1;
    }
    let paths: string[];
    try {
      paths = await saveArtifacts(record, genhub.artifacts, options.outDir);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(
        `The files could not be saved to ${options.outDir} (${reason}); choose another folder with --out.`,
      );
      return 1;
    }
    if (options.json) console.log(JSON.stringify(jsonResult(record, paths)));
    else for (const path of paths) console.log(path);
    return 0;
  } finally {
    tracker.close();
  }
}

/**
 * A task (`text-to-image`) or a chat command that makes something (`imagine`, `/speak`, `/3d`, which
 * is image-to-3d when an input file comes with it).
 */
function taskFromName(name: string, hasInput: boolean): Task {
  const lower = name.trim().toLowerCase();
  let task: Task | undefined;
  if ((TASKS as readonly string[]).includes(lower)) task = lower as Task;
  else {
    const command = findCommand(lower.replace(/^\//, ''));
    if (command?.kind === 'generation') task = taskFor(command, hasInput);
  }
  if (task === undefined) {
    const commands = ['imagine', 'vector', 'edit', 'video', 'animate', 'speak', 'sound', 'music', '3d'];
    throw new UsageError(`Unknown task "${name}"; use one of ${TASKS.join(', ')} or ${commands.join(', ')}.`);
  }
  return task;
}

/** The model asked for (which must do the task), else the first model for the task. */
function pickModel(genhub: GenHub, task: Task, asked: string | undefined): ModelSpec | undefined {
  if (asked === undefined) return genhub.registry.list({ task })[0];
  let model: ModelSpec;
  try {
    model = genhub.registry.resolve(asked).model;
  } catch (error) {
    if (!GenHubError.isInstance(error) || error.code !== 'MODEL_NOT_FOUND') throw error;
    const suggestions = error.suggestions.slice(0, 3);
    throw new UsageError(
      suggestions.length > 0
        ? `There is no model "${asked}"; did you mean ${suggestions.join(' or ')}?`
        : `There is no model "${asked}"; run "genhub models --task ${task}" for the list.`,
    );
  }
  if (!model.tasks.includes(task)) {
    throw new UsageError(`${model.id} does not do ${task}; it does ${model.tasks.join(', ')}.`);
  }
  return model;
}

/** `--json`: the one result a script reads. Money in USD as a string, exact to the micro-dollar. */
function jsonResult(job: JobRecord, files: readonly string[]) {
  return {
    jobId: job.id,
    state: job.state,
    model: currentModel(job),
    task: job.task,
    files,
    costUsd: ((job.chargedMicros ?? 0) / 1_000_000).toFixed(6),
    warnings: job.warnings.map(warningText),
    ...(job.error ? { error: userMessage(job.error) } : {}),
  };
}

/** Says the user was not charged when the status line does not already say what was charged. */
function chargeNote(job: JobRecord): string {
  if (job.reservedMicros > 0 && job.chargedMicros !== null) return ''; // jobStatusLine says it
  return (job.chargedMicros ?? 0) === 0 ? ' You were not charged.' : '';
}

interface Interruption {
  readonly fired: boolean;
  /** Resolves at the first Ctrl-C (SIGINT) or SIGTERM. */
  readonly promise: Promise<void>;
  dispose(): void;
}

/**
 * Catches Ctrl-C for the whole command, so it cancels the job instead of killing the process. From a
 * terminal both the launcher and this process get the signal, and the launcher passes its copy on:
 * later signals are ignored while the job is being cancelled.
 */
function watchInterruption(): Interruption {
  let fired = false;
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  const onSignal = () => {
    fired = true;
    resolve();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    get fired() {
      return fired;
    },
    promise,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** `--safety <level>`: the operator runs the command, so any level goes (mature included). */
function safetyLevelFrom(value: string | undefined): SafetyLevel | undefined {
  if (value === undefined) return undefined;
  const level = value.trim().toLowerCase();
  if ((SAFETY_LEVELS as readonly string[]).includes(level)) return level as SafetyLevel;
  throw new UsageError(
    `--safety is ${SAFETY_LEVELS.join(', ')}; leave it out for safety.level (GENHUB_SAFETY_LEVEL).`,
  );
}
