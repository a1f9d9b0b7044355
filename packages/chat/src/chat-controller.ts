import {
  ACTIVE_STATES,
  GenHubError,
  type JobRecord,
  type JsonObject,
  mediaKind,
  type Task,
  TERMINAL_STATES,
  withoutSafetyControls,
} from '@genhub/core';
import { creditsMessage, usageMessage } from './account-screens.js';
import { adminCommand } from './admin-command.js';
import { decodeButtonId } from './button-id.js';
import type { ChatGenHub } from './chat-deps.js';
import type { ChatActor, ChatMessageHandle, ChatSurface, InputImage, SurfaceLimits } from './chat-message.js';
import { ChatSettings } from './chat-settings.js';
import { type CommandDefinition, commandDefinition, commandDefinitions } from './command-definitions.js';
import {
  type CommandOption,
  type CommandSpec,
  findCommand,
  generationOptions,
  type ModelChoice,
  modelChoices,
  taskFor,
} from './commands.js';
import { planDelivery } from './delivery-plan.js';
import { userMessage } from './error-message.js';
import { GenerationFlow } from './generation-flow.js';
import {
  assertModelAllowed,
  chooseModel,
  type PlannedGeneration,
  planGeneration,
} from './generation-request.js';
import { helpMessage } from './help-screen.js';
import { JobFollowers } from './job-follower.js';
import { jobInfoMessage, jobResultMessage, jobStatusMessage } from './job-message.js';
import { modelsMessage } from './models-screen.js';
import {
  auditLogMessage,
  isModerationSubcommand,
  moderatedCommunity,
  moderationCommand,
} from './moderation-commands.js';
import { noModelSentence } from './no-model-sentence.js';
import { parseTextCommand, resolveFlags } from './parse-text-command.js';
import { ReportFlow } from './report-flow.js';
import type { ReportOutlet } from './report-outlet.js';
import { jobFollowUps, resultButtons } from './result-buttons.js';
import { type OptionValues, settingsCommand } from './settings-command.js';

/** One command as a front end received it. */
export interface CommandRequest {
  /** Without the slash: `imagine`. */
  name: string;
  /** `/admin grant`: the subcommand. */
  subcommand?: string;
  /** Options by name, typed by the platform (Discord's slash options). */
  options?: OptionValues;
  /** What followed the command as typed (Telegram, console): prompt and `--flags`. */
  text?: string;
  /** Input images: an attachment, a photo replied to. */
  images?: InputImage[];
}

/** A front end's surface, with how it takes options. */
export interface CommandSurface extends ChatSurface {
  /** `slash`: options picked in the platform's UI; `text`: typed as `--flags`. */
  readonly style: 'slash' | 'text';
}

/** One entry of an autocomplete list. */
export type Choice = ModelChoice;

const MAX_SEED = 2_147_483_647;

/**
 * Everything a chat conversation does, for any platform: commands, button presses and
 * autocomplete in, messages out through a `ChatSurface`. Never throws to the front end: every
 * failure becomes one sentence to the user, and internal errors are logged.
 */
export class ChatController {
  readonly settings: ChatSettings;
  readonly #followers: JobFollowers;
  readonly #flow: GenerationFlow;
  readonly #reports: ReportFlow;

  constructor(private readonly genhub: ChatGenHub) {
    this.settings = new ChatSettings(genhub.store.records);
    this.#reports = new ReportFlow(genhub);
    this.#followers = new JobFollowers(genhub);
    this.#flow = new GenerationFlow(genhub, this.settings, this.#followers);
  }

  /**
   * Lends reports a front end's reach (its admins, its messages); a front end calls this once at
   * start. Without it, Report buttons pressed there say reports cannot be sent.
   */
  attachReportOutlet(frontEnd: string, outlet: ReportOutlet): void {
    this.#reports.attach(frontEnd, outlet);
  }

  /** The commands to register, with options derived from the registry's models. */
  definitions(): CommandDefinition[] {
    return commandDefinitions(this.genhub.registry);
  }

  async command(actor: ChatActor, surface: CommandSurface, request: CommandRequest): Promise<void> {
    await this.#guard(surface, async () => {
      const spec = findCommand(request.name);
      if (!spec) {
        await surface.reply({
          text: `There is no /${request.name} command; /help lists them.`,
          private: true,
        });
        return;
      }
      const effective = await this.settings.effective(actor.userId, actor.communityId);
      if (spec.kind === 'generation') {
        const images = request.images ?? [];
        const task = taskFor(spec, images.length > 0) as Task;
        if (spec.needsImage && images.length === 0) {
          throw new GenHubError(
            'INVALID_INPUT',
            surface.style === 'slash'
              ? `/${spec.name} needs an image: attach one to the command.`
              : `/${spec.name} needs an image: send it with the command as its caption, or reply to a photo.`,
          );
        }
        const planned = planGeneration(
          this.genhub,
          {
            task,
            images,
            ...(request.options ? { options: request.options } : {}),
            ...(request.text !== undefined ? { text: request.text } : {}),
          },
          effective,
        );
        if (spec.takesPrompt && typeof planned.params.prompt !== 'string' && images.length === 0) {
          throw new GenHubError('INVALID_INPUT', `Say what to make: /${spec.name} <prompt>.`, {
            details: { param: 'prompt' },
          });
        }
        await this.#flow.ask(actor, surface, planned, effective);
        return;
      }
      const options = this.#options(spec, request);
      switch (spec.name) {
        case 'help':
          await surface.reply(helpMessage(surface.style));
          return;
        case 'models': {
          const task = typeof options.task === 'string' ? options.task : request.text?.trim();
          await surface.reply(
            modelsMessage(
              this.genhub.registry,
              task,
              surface.limits.maxTextLength,
              noModelSentence(undefined, this.genhub.plugins),
            ),
          );
          return;
        }
        case 'credits':
          await surface.reply(await creditsMessage(this.genhub, actor, effective));
          return;
        case 'usage':
          await surface.reply(await usageMessage(this.genhub, actor, null, surface.limits.maxTextLength));
          return;
        case 'job':
          await this.#showJob(actor, surface, String(options.id ?? '').trim());
          return;
        case 'cancel':
          await this.#cancel(actor, surface, String(options.id ?? '').trim());
          return;
        case 'settings':
          await surface.reply(await settingsCommand(this.genhub, this.settings, actor, options));
          return;
        case 'admin': {
          const subcommand = request.subcommand ?? firstWord(request.text);
          await surface.reply(
            subcommand !== undefined && isModerationSubcommand(subcommand)
              ? await moderationCommand(
                  this.genhub,
                  this.#reports,
                  actor,
                  subcommand,
                  options,
                  surface.limits.maxTextLength,
                )
              : await adminCommand(this.genhub, this.settings, actor, subcommand, options),
          );
          return;
        }
      }
    });
  }

  /** A button press; `pressed` is the message the button was on. */
  async press(
    actor: ChatActor,
    surface: CommandSurface,
    buttonId: string,
    pressed?: ChatMessageHandle,
  ): Promise<void> {
    await this.#guard(surface, async () => {
      const target = decodeButtonId(buttonId);
      if (!target) {
        await surface.reply({ text: 'That button no longer works; run the command again.', private: true });
        return;
      }
      switch (target.action) {
        case 'confirm':
          return this.#flow.confirm(actor, surface, target.ref, pressed);
        case 'abort':
          return this.#flow.abort(actor, surface, target.ref, pressed);
        case 'logPage': {
          const community = await moderatedCommunity(this.#reports, actor);
          const before = Number(target.ref);
          const page = await auditLogMessage(
            this.genhub,
            community,
            Number.isSafeInteger(before) ? before : undefined,
            surface.limits.maxTextLength,
          );
          if (pressed) await pressed.edit(page);
          else await surface.reply(page);
          return;
        }
        case 'usagePage': {
          const page = await usageMessage(this.genhub, actor, target.ref, surface.limits.maxTextLength);
          if (pressed) await pressed.edit(page);
          else await surface.reply(page);
          return;
        }
      }
      const job = await this.genhub.generation.get(target.ref);
      if (!job) {
        await surface.reply({ text: 'That job no longer exists.', private: true });
        return;
      }
      switch (target.action) {
        case 'info':
          await surface.reply(jobInfoMessage(job));
          return;
        case 'delete':
          if (!this.#mayManage(actor, job)) {
            await surface.reply({ text: 'Only the person who asked for this can delete it.', private: true });
            return;
          }
          if (pressed) await pressed.delete();
          return;
        case 'cancel':
          return this.#cancel(actor, surface, job.id);
        case 'report':
          return this.#reports.report(actor, surface, job);
        case 'reportDelete':
        case 'reportBlock':
          return this.#reports.act(actor, surface, job, target.action);
        default:
          return this.#next(actor, surface, job, target.action, target.index);
      }
    });
  }

  /** Autocomplete for an option: models for the command's task, or a long list of allowed values. */
  async autocomplete(
    actor: ChatActor,
    request: { command: string; subcommand?: string; option: string; query: string; options?: OptionValues },
  ): Promise<Choice[]> {
    try {
      const spec = findCommand(request.command);
      if (!spec) return [];
      if (request.option === 'model') {
        const effective = await this.settings.effective(actor.userId, actor.communityId);
        const allowed = effective.community?.allowedModels;
        const tasks = spec.kind === 'generation' ? spec.tasks : undefined;
        const lister = {
          list: (filter: { task?: Task }) =>
            this.genhub.registry
              .list(tasks === undefined ? {} : filter)
              .filter((model) => allowed === undefined || allowed.includes(model.id)),
        };
        if (!tasks) return modelChoices(lister, undefined as unknown as Task, request.query);
        const seen = new Set<string>();
        return tasks
          .flatMap((task) => modelChoices(lister, task, request.query))
          .filter((choice) => !seen.has(choice.value) && seen.add(choice.value))
          .slice(0, 25);
      }
      if (spec.kind !== 'generation') return [];
      const effective = await this.settings.effective(actor.userId, actor.communityId);
      const asked = typeof request.options?.model === 'string' ? request.options.model : undefined;
      const model = chooseModel(this.genhub, spec.tasks[0] as Task, asked, effective);
      const option = generationOptions(model).find((candidate) => candidate.name === request.option);
      const needle = request.query.trim().toLowerCase();
      return (option?.allowed ?? [])
        .map(String)
        .filter((value) => value.toLowerCase().includes(needle))
        .slice(0, 25)
        .map((value) => ({ name: value.slice(0, 100), value }));
    } catch {
      return [];
    }
  }

  /**
   * After a restart: follows again every unfinished job this front end started, in its message
   * (`restore` finds it from the job's stored origin, or says it cannot).
   */
  async resume(
    frontEnd: string,
    restore: (message: JsonObject, job: JobRecord) => ChatMessageHandle | undefined,
    limits: SurfaceLimits,
  ): Promise<number> {
    let resumed = 0;
    for (const job of await this.genhub.store.jobs.listByState(ACTIVE_STATES)) {
      if (job.origin.frontEnd !== frontEnd) continue;
      const message = job.origin.message;
      if (typeof message !== 'object' || message === null || Array.isArray(message)) continue;
      const handle = restore(message, job);
      if (!handle) continue;
      resumed += 1;
      void this.#followers.follow(job, { handle, limits }).catch(() => {});
    }
    return resumed;
  }

  /** Resolves once every job this controller follows has shown its last message. */
  idle(): Promise<void> {
    return this.#followers.idle();
  }

  /**
   * Stops following jobs, and follows none started later (their messages keep their last state;
   * `resume` picks them up again).
   */
  close(): void {
    this.#followers.close();
  }

  async #guard(surface: ChatSurface, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!GenHubError.isInstance(error) || error.code === 'INTERNAL')
        this.genhub.logger.error('chat command failed', { error: String(error) });
      await surface.reply({ text: userMessage(error), private: true }).catch(() => {});
    }
  }

  /** Options of a non-generation command: as given (slash), or parsed from `--flags` and words (text). */
  #options(spec: CommandSpec, request: CommandRequest): OptionValues {
    if (request.options) return request.options;
    if (request.text === undefined || request.text.trim() === '') return {};
    const definition = commandDefinition(this.genhub.registry, spec);
    const sub = definition?.subcommands?.find((candidate) => candidate.name === firstWord(request.text));
    const options: CommandOption[] = sub?.options ?? definition?.options ?? [];
    const text = sub ? (request.text.trim().slice(sub.name.length) ?? '') : request.text;
    const parsed = parseTextCommand(`/x ${text}`, options);
    if (!parsed) return {};
    const resolved = resolveFlags(parsed.flags, options);
    const values: Record<string, string | number | boolean> = { ...resolved.params };
    if (resolved.model !== undefined) values.model = resolved.model;
    // Words that are not flags fill the required options in order (`/job abc`, `/admin grant 42 5`).
    const words = parsed.prompt.trim() === '' ? [] : parsed.prompt.trim().split(/\s+/);
    for (const option of options) {
      if (words.length === 0) break;
      if (values[option.param] !== undefined || values[option.name] !== undefined) continue;
      const word = words.shift() as string;
      values[option.name] = option.type === 'number' || option.type === 'integer' ? Number(word) : word;
    }
    return values;
  }

  #mayManage(actor: ChatActor, job: JobRecord): boolean {
    return (
      job.userId === actor.userId ||
      (actor.isCommunityAdmin && job.communityId === (actor.communityId ?? null))
    );
  }

  async #showJob(actor: ChatActor, surface: CommandSurface, id: string): Promise<void> {
    if (id === '')
      throw new GenHubError('INVALID_INPUT', 'Give the job id: /job <id>.', { details: { param: 'id' } });
    const job = await this.genhub.generation.get(id);
    if (!job || !this.#mayManage(actor, job))
      throw new GenHubError('INVALID_INPUT', `There is no job ${id} of yours.`);
    if (!TERMINAL_STATES.has(job.state)) {
      const handle = await surface.reply(jobStatusMessage(job, this.genhub.generation.queuePosition(job.id)));
      void this.#followers.follow(job, { handle, limits: surface.limits }).catch(() => {});
      return;
    }
    if (job.state !== 'succeeded') {
      await surface.reply(jobStatusMessage(job));
      return;
    }
    const plan = await planDelivery(job, this.genhub, surface.limits);
    await surface.reply(
      jobResultMessage(job, plan, resultButtons(job, this.genhub.registry, surface.limits)),
    );
  }

  async #cancel(actor: ChatActor, surface: CommandSurface, id: string): Promise<void> {
    let jobId = id;
    if (jobId === '') {
      const recent = await this.genhub.generation.usage({ userId: actor.userId, limit: 20 });
      const running = recent.items.find((job) => !TERMINAL_STATES.has(job.state));
      if (!running) throw new GenHubError('INVALID_INPUT', 'You have no job running.');
      jobId = running.id;
    }
    const job = await this.genhub.generation.get(jobId);
    if (!job || !this.#mayManage(actor, job))
      throw new GenHubError('INVALID_INPUT', `There is no job ${jobId} of yours.`);
    const after = await this.genhub.generation.cancel(job.id, actor.userId, job.userId !== actor.userId);
    if (after.state === 'cancelled')
      await surface.reply({ text: `Cancelled job ${after.id}.`, private: true });
    else await surface.reply({ text: `Job ${after.id} had already ended (${after.state}).`, private: true });
  }

  /** Reroll, vary, upscale, animate or a provider's follow-up: a new job from a finished one. */
  async #next(
    actor: ChatActor,
    surface: CommandSurface,
    job: JobRecord,
    action: 'reroll' | 'vary' | 'upscale' | 'animate' | 'followUp',
    index: number | undefined,
  ): Promise<void> {
    const effective = await this.settings.effective(actor.userId, actor.communityId);
    let planned: PlannedGeneration;
    const origin: JsonObject = { from: job.id };
    if (action === 'followUp') {
      const followUp = jobFollowUps(job)[index ?? 0];
      if (!followUp)
        throw new GenHubError('INVALID_INPUT', 'That button no longer works; run the command again.');
      assertModelAllowed(followUp.model, effective);
      // The safety controls a job ran with are its place's: the level here sets them again.
      const next = this.genhub.registry.find(followUp.model)?.model;
      const params = next ? withoutSafetyControls(next, followUp.params) : followUp.params;
      planned = { task: followUp.task, model: followUp.model, params };
      origin.followUpOf = job.id;
    } else if (action === 'reroll') {
      const model = chooseModel(this.genhub, job.task, job.requestedModel, effective);
      const params: JsonObject = withoutSafetyControls(model, { ...job.params });
      if ('seed' in params || generationOptions(model).some((option) => option.param === 'seed')) {
        params.seed = Math.floor(Math.random() * MAX_SEED);
      }
      planned = { task: job.task, model: model.id, params };
    } else {
      const task: Task =
        action === 'vary' ? 'image-to-image' : action === 'upscale' ? 'upscale' : 'image-to-video';
      const image = await this.#resultImage(job);
      const prompt = typeof job.params.prompt === 'string' ? job.params.prompt : undefined;
      planned = planGeneration(
        this.genhub,
        {
          task,
          images: [image],
          ...(prompt !== undefined && task !== 'upscale' ? { options: { prompt } } : {}),
        },
        effective,
      );
    }
    await this.#flow.ask(actor, surface, planned, effective, origin);
  }

  /** A job's first image result as an input for another model, carried as a `data:` URI. */
  async #resultImage(job: JobRecord): Promise<InputImage> {
    const artifact = job.outputs.find(
      (output) => output.role === 'primary' && mediaKind(output.mediaType) === 'image',
    );
    if (!artifact) throw new GenHubError('INVALID_INPUT', 'That job has no image to work from.');
    const limit = this.genhub.config.jobs.maxInputMegabytes * 1024 * 1024;
    if (artifact.bytes > limit)
      throw new GenHubError('INVALID_INPUT', 'That image is too large to use as an input.');
    const chunks: Uint8Array[] = [];
    for await (const chunk of this.genhub.artifacts.read(artifact.key)) chunks.push(chunk);
    return {
      url: `data:${artifact.mediaType};base64,${Buffer.concat(chunks).toString('base64')}`,
      mediaType: artifact.mediaType,
    };
  }
}

function firstWord(text: string | undefined): string | undefined {
  const word = text?.trim().split(/\s+/)[0];
  return word === undefined || word === '' ? undefined : word.toLowerCase();
}
