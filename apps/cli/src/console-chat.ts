import { createInterface } from 'node:readline';
import {
  COMMANDS,
  type CommandSpec,
  findCommand,
  formatUsd,
  generationOptions,
  jobStatusLine,
  parseTextCommand,
  resolveFlags,
  taskFor,
} from '@genhub/chat';
import { currentModel, type GenHub, type JobRecord, type ModelSpec, TASKS, type Task } from '@genhub/core';
import { cliErrorSentence } from './cli-error-sentence.js';
import { JobTracker } from './job-tracker.js';
import { modelLine } from './model-lines.js';
import { noModelSentence } from './no-model-sentence.js';
import { saveArtifacts } from './save-artifacts.js';

export const CONSOLE_USER = 'console';

export interface ConsoleChatOptions {
  genhub: GenHub;
  outDir: string;
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  print(line: string): void;
}

export interface ConsoleChat {
  /** Resolves once the input has ended and every job it submitted has finished. */
  finished: Promise<void>;
  /** Stops reading; jobs already submitted are left to `genhub.close()`. */
  stop(): void;
}

/**
 * The console front end: one chat command a line, from a terminal or a pipe, as the console user.
 * Generations print their status as it changes, then the paths of the files saved to `outDir`.
 */
export function startConsoleChat({ genhub, outDir, input, print }: ConsoleChatOptions): ConsoleChat {
  const tracker = new JobTracker(genhub.generation, CONSOLE_USER);
  const following = new Set<Promise<void>>();
  const interactive = input.isTTY === true;
  const lines = createInterface({ input, ...(interactive ? { output: process.stdout, prompt: '> ' } : {}) });
  let stopped = false;
  let queue = Promise.resolve();

  const handle = async (line: string) => {
    try {
      await runCommand(line.trim());
    } catch (error) {
      print(cliErrorSentence(error, CONSOLE_USER));
    }
    if (interactive && !stopped) lines.prompt();
  };

  const runCommand = async (text: string) => {
    if (text === '') return;
    const parsed = parseTextCommand(text);
    const spec = parsed ? findCommand(parsed.command) : undefined;
    if (!parsed || !spec) {
      print(`Unknown command "${text.split(/\s/)[0]}"; type /help for the list.`);
      return;
    }
    switch (spec.name) {
      case 'help':
        return help();
      case 'models':
        return listModels(parsed.prompt.trim());
      case 'credits':
        return credits();
      case 'job':
        return showJob(parsed.prompt.trim());
      case 'cancel':
        return cancel(parsed.prompt.trim());
    }
    if (spec.kind !== 'generation') {
      print(`/${spec.name} is not available in the console; type /help for the list.`);
      return;
    }
    await generate(spec, text);
  };

  const help = () => {
    const shown = COMMANDS.filter(
      (c) =>
        (c.kind === 'generation' && !c.needsImage) ||
        ['models', 'credits', 'job', 'cancel', 'help'].includes(c.name),
    );
    for (const c of shown) print(`/${c.name.padEnd(8)} ${c.description}`);
    print('Flags follow the prompt: /speak Hello --voice en-gb, /imagine a fox --ar 16:9 --model <id>.');
  };

  const listModels = (task: string) => {
    if (task !== '' && !(TASKS as readonly string[]).includes(task)) {
      print(`Unknown task "${task}"; use one of ${TASKS.join(', ')}.`);
      return;
    }
    const list = genhub.registry.list(task === '' ? {} : { task: task as Task });
    if (list.length === 0) print(noModelSentence(genhub, task === '' ? undefined : (task as Task)));
    for (const model of list) print(modelLine(model));
  };

  const credits = async () => {
    const balance = await genhub.store.ledger.balance({ kind: 'user', id: CONSOLE_USER });
    const reserved =
      balance.reservedMicros > 0
        ? `, ${formatUsd({ micros: balance.reservedMicros })} held for running jobs`
        : '';
    print(`Your balance: ${formatUsd({ micros: balance.availableMicros })}${reserved}.`);
  };

  const ownJob = async (id: string): Promise<JobRecord | undefined> => {
    if (id === '') {
      print('Give the job id: /job <id>.');
      return undefined;
    }
    const job = await genhub.generation.get(id);
    if (!job || job.userId !== CONSOLE_USER) {
      print(`There is no job ${id} of yours.`);
      return undefined;
    }
    return job;
  };

  const showJob = async (id: string) => {
    const job = await ownJob(id);
    if (!job) return;
    print(`${job.id} ${currentModel(job)} (${job.task}): ${jobStatusLine(job, queuePosition(job))}`);
    if (job.state === 'succeeded') {
      for (const path of await saveArtifacts(job, genhub.artifacts, outDir)) print(`Saved ${path}`);
    }
  };

  const cancel = async (id: string) => {
    const job = await ownJob(id);
    if (!job) return;
    const after = await genhub.generation.cancel(job.id, CONSOLE_USER);
    print(`${after.id}: ${jobStatusLine(after)}`);
  };

  const queuePosition = (job: JobRecord) => {
    const position = job.state === 'queued' ? genhub.generation.queuePosition(job.id) : undefined;
    return position === undefined ? {} : { queuePosition: position };
  };

  const generate = async (spec: CommandSpec, text: string) => {
    const task = taskFor(spec, false);
    if (!task || spec.needsImage) {
      print(`/${spec.name} needs an image, which the console cannot attach yet.`);
      return;
    }
    const first = parseTextCommand(text);
    const asked = first?.flags.find((flag) => flag.name.toLowerCase() === 'model')?.value;
    let model: ModelSpec | undefined;
    if (asked !== undefined) model = genhub.registry.resolve(asked).model;
    else model = genhub.registry.list({ task })[0];
    if (!model) {
      print(noModelSentence(genhub, task));
      return;
    }
    const options = generationOptions(model);
    const parsed = parseTextCommand(text, options) ?? first;
    const resolved = resolveFlags(parsed?.flags ?? [], options);
    const prompt = parsed?.prompt.trim() ?? '';
    const job = await genhub.generation.request({
      userId: CONSOLE_USER,
      task,
      model: resolved.model ?? model.id,
      params: { ...(prompt === '' ? {} : { prompt }), ...resolved.params },
      origin: { frontEnd: 'console' },
    });
    print(`Job ${job.id} on ${currentModel(job)}.`);
    let last = '';
    const done = tracker
      .follow(job, (record) => {
        const line = jobStatusLine(record, queuePosition(record));
        if (line !== last) print(`[${record.id}] ${line}`);
        last = line;
      })
      .then(async (record) => {
        if (record.state !== 'succeeded') return;
        for (const path of await saveArtifacts(record, genhub.artifacts, outDir)) print(`Saved ${path}`);
      })
      .catch((error: unknown) => print(cliErrorSentence(error, CONSOLE_USER)));
    following.add(done);
    void done.finally(() => following.delete(done));
  };

  // A terminal in raw mode turns Ctrl-C into readline's event rather than a signal; make it one.
  lines.on('SIGINT', () => process.kill(process.pid, 'SIGINT'));
  const finished = new Promise<void>((resolve) => {
    lines.on('line', (line) => {
      if (stopped) return;
      queue = queue.then(() => handle(line));
    });
    lines.on('close', () => {
      void queue
        .then(async () => {
          while (following.size > 0) await Promise.all(following);
        })
        .finally(() => {
          tracker.close();
          resolve();
        });
    });
  });
  if (interactive) {
    print('GenHub console: type /help for the commands, Ctrl-C to quit.');
    lines.prompt();
  }

  return {
    finished,
    stop() {
      stopped = true;
      lines.close();
    },
  };
}
