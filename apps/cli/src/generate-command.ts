import { findCommand, formatUsd, jobStatusLine, noModelSentence, taskFor, userMessage } from '@genhub/chat';
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
  TASKS,
  type Task,
} from '@genhub/core';
import { cliErrorSentence } from './cli-error-sentence.js';
import { parseCommandLine } from './command-line.js';
import { CONSOLE_USER } from './console-chat.js';
import { JobTracker } from './job-tracker.js';

import { paramsFromFlags } from './param-flags.js';
import { runtimePlugins } from './plugins.js';
import { ProgressDisplay } from './progress-display.js';
import { saveArtifacts } from './save-artifacts.js';
import { UsageError } from './usage-error.js';

/** What a Ctrl-C ends with, as shells report a process stopped by SIGINT. */
export const INTERRUPTED_EXIT_CODE = 130;

/** Tasks that need an input file, which the command line cannot pass yet. */
const NEEDS_INPUT: ReadonlySet<Task> = new Set([
  'image-to-image',
  'image-to-video',
  'video-to-video',
  'image-to-3d',
  'image-to-vector',
  'upscale',
]);

/**
 * `genhub generate <task> "<prompt>"`: one generation through the whole pipeline (limits, credits,
 * queue, provider, files) as the console user, or `--user`. Progress goes to stderr, the paths of
 * the saved files to stdout. 0 when it succeeded, 1 when it failed (refunded), 2 for a bad
 * argument or parameter, 130 after Ctrl-C (the job is cancelled and refunded).
 */
export async function generate(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    model: { type: 'string' },
    out: { type: 'string' },
    param: { type: 'string', multiple: true },
    user: { type: 'string' },
  });
  const [taskName, ...words] = positionals;
  if (taskName === undefined) {
    throw new UsageError(
      'Say what to make and from what, such as: genhub generate text-to-image "a red fox".',
    );
  }
  const task = taskFromName(taskName);
  const prompt = words.join(' ').trim();
  if (prompt === '')
    throw new UsageError(`Give the prompt after the task: genhub generate ${taskName} "a red fox".`);
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
    const genhub = await createGenHub(config, { plugins: runtimePlugins, logger });
    try {
      if (interruption.fired) return INTERRUPTED_EXIT_CODE;
      return await run(genhub, {
        task,
        prompt,
        userId,
        model: values.model,
        params: values.param ?? [],
        outDir: values.out ?? 'genhub-output',
        interruption,
      });
    } finally {
      await genhub.close();
    }
  } finally {
    interruption.dispose();
  }
}

interface RunOptions {
  task: Task;
  prompt: string;
  userId: string;
  model: string | undefined;
  params: readonly string[];
  outDir: string;
  interruption: Interruption;
}

async function run(genhub: GenHub, options: RunOptions): Promise<number> {
  const { task, userId, interruption } = options;
  const model = pickModel(genhub, task, options.model);
  if (!model) {
    console.error(noModelSentence(task, genhub.plugins));
    return 1;
  }
  const params = paramsFromFlags(options.params, model);

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
        params: { prompt: options.prompt, ...params },
        origin: { frontEnd: 'cli' },
      });
    } catch (error) {
      if (GenHubError.isInstance(error) && error.code === 'INVALID_INPUT')
        throw new UsageError(userMessage(error));
      console.error(cliErrorSentence(error, userId));
      return 1;
    }
    const price = job.reservedMicros > 0 ? `, up to ${formatUsd({ micros: job.reservedMicros })}` : '';
    console.error(`Job ${job.id} on ${currentModel(job)}${price}.`);

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
    if (record.state !== 'succeeded') return 1;
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
    for (const path of paths) console.log(path);
    return 0;
  } finally {
    tracker.close();
  }
}

/** A task (`text-to-image`) or a chat command that makes something (`imagine`, `/speak`). */
function taskFromName(name: string): Task {
  const lower = name.trim().toLowerCase();
  let task: Task | undefined;
  if ((TASKS as readonly string[]).includes(lower)) task = lower as Task;
  else {
    const command = findCommand(lower.replace(/^\//, ''));
    if (command?.kind === 'generation' && !command.needsImage) task = taskFor(command, false);
  }
  if (task === undefined) {
    const commands = ['imagine', 'vector', 'video', 'speak', 'sound', 'music', '3d'];
    throw new UsageError(`Unknown task "${name}"; use one of ${TASKS.join(', ')} or ${commands.join(', ')}.`);
  }
  if (NEEDS_INPUT.has(task)) {
    throw new UsageError(
      `${task} needs an input file, which genhub generate cannot pass yet; use a text-to-* task.`,
    );
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
