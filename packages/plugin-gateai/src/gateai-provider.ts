import {
  beforeAcceptance,
  type CallOptions,
  type Clock,
  type GenerationRequest,
  GenHubError,
  type JsonObject,
  type Logger,
  lenient,
  type PollResult,
  type Price,
  type Provider,
  type ProviderBalance,
  type ProviderHealth,
  type Redactor,
  type SubmitResult,
  suggest,
  type Task,
  type TaskRef,
  type Warning,
} from '@genhub/provider';
import { z } from 'zod';
import { gateAiTaskError } from './api/errors.js';
import type { GateAiApi, StatusResponse } from './api/gateai-api.js';
import { type CatalogueStatus, describeCatalogue } from './catalogue/load-catalogue.js';
import type { WireModelType } from './catalogue/wire-model.js';
import { DefaultGateAiOptions } from './config.js';
import { type GateAiModel, GateAiTimeouts } from './models/build-model.js';
import type { MediaResolver } from './request/media-resolver.js';
import { toWireParams } from './request/to-wire.js';
import { adjustmentWarnings } from './response/adjustments.js';
import { outputsOf } from './response/outputs.js';

/** GateAI's own price for a request (`POST /api/estimate`), next to the local estimate core uses. */
export interface RemoteEstimate {
  /** What GateAI says the request costs now; not approximate. */
  price: Price;
  /** The key's budget left today, in USD. */
  dailyRemainingUsd?: number;
  /** False when GateAI would downgrade the request to fit the budget. */
  fitsInBudget?: boolean;
  /** The downgrades GateAI suggests, as `adjusted` warnings. */
  adjustments: Warning[];
}

/** The GateAI provider: core's `Provider` plus which catalogue it runs on and GateAI's own estimate. */
export interface GateAiProvider extends Provider {
  readonly catalogue: Readonly<CatalogueStatus>;
  /** Asks `POST /api/estimate` what a request would cost (without generating or uploading). */
  estimate(request: GenerationRequest, options: CallOptions): Promise<RemoteEstimate>;
}

const gateAiMarker = Symbol.for('genhub.gateai.provider');

/** True for the provider the GateAI plugin set up (such as `genhub.registry.provider('gateai')`). */
export function isGateAiProvider(provider: unknown): provider is GateAiProvider {
  return (
    typeof provider === 'object' &&
    provider !== null &&
    (provider as Record<symbol, unknown>)[gateAiMarker] === true
  );
}

/** What the plugin keeps in a task ref: enough to poll and price it after a restart. */
const taskData = z.object({
  /** GateAI's model id. */
  model: lenient(z.string()),
  type: lenient(z.enum(['image', 'video', '3d'])),
  /** When GateAI accepted the task (the plugin's clock), for the 20-minute rule. */
  submittedAt: lenient(z.number()),
  /** The cost GateAI reported on submit. */
  cost: lenient(z.number()),
});

/** The inputs a task cannot do without, by the model's names (any one of them will do). */
const TASK_INPUTS: Partial<Record<Task, readonly string[]>> = {
  'image-to-image': ['images'],
  'image-to-video': ['firstFrame', 'images'],
  'video-to-video': ['referenceVideo', 'video_guidance'],
  'image-to-3d': ['images'],
};

function checkTaskInputs(model: GateAiModel, task: Task, params: Readonly<Record<string, unknown>>): void {
  const needed = TASK_INPUTS[task]?.filter((key) => Object.hasOwn(model.spec.params.shape, key));
  if (!needed || needed.length === 0) return;
  if (needed.some((key) => params[key] !== undefined)) return;
  throw new GenHubError('INVALID_INPUT', `${model.spec.name} needs ${needed.join(' or ')} for ${task}.`, {
    retryable: false,
    details: { param: needed[0], task },
  });
}

/** How many tasks seen running past the 20-minute mark are remembered at most. */
const LATE_TASKS_KEPT = 10_000;

export interface GateAiProviderDependencies {
  api: GateAiApi;
  models: readonly GateAiModel[];
  catalogue: CatalogueStatus;
  resolver: MediaResolver;
  clock: Clock;
  logger: Logger;
  redactor: Redactor;
  baseUrl: string;
  /** For `GET /api/me`, which takes the key in its query. */
  apiKey: string;
}

/** Clock skew allowed between GateAI's `elapsed` and ours when matching a lost submit's task. */
const ELAPSED_SLACK_SECONDS = 5;

/**
 * The GateAI provider. Submits `POST /api/generate` and polls `GET /get/{task_id}`; GateAI takes no
 * idempotency key and has no cancel call, so neither is claimed. Costs: the job settles to the
 * `cost` GateAI reports (poll, else submit), except that a task this process saw still running at
 * least 20 minutes after submit is free, as GateAI refunds it and the result is kept for free.
 */
export function createGateAiProvider(deps: GateAiProviderDependencies): GateAiProvider {
  const { api, clock, redactor } = deps;
  const byId = new Map(deps.models.map((model) => [model.spec.id, model]));
  const byWireId = new Map(deps.models.map((model) => [model.wire.id, model]));
  /** Tasks seen PROCESSING at or after the 20-minute mark: GateAI has refunded them. */
  const lateTasks = new Set<string>();

  const findModel = (id: string): GateAiModel => {
    const model = byId.get(id) ?? byId.get(id.toLowerCase());
    if (model) return model;
    throw new GenHubError('MODEL_NOT_FOUND', `GateAI has no model ${id}.`, {
      provider: 'gateai',
      suggestions: suggest(id, byId.keys()),
    });
  };

  const pendingOf = (task: StatusResponse, type: WireModelType): PollResult => ({
    status: 'pending',
    pollAfterMs: DefaultGateAiOptions.pollAfterMs[type],
    ...(task.progress === undefined
      ? {}
      : { percent: task.progress <= 1 ? task.progress * 100 : task.progress }),
  });

  const succeeded = (
    id: string,
    type: WireModelType,
    result: readonly string[],
    glbUrls: readonly string[],
    reportedCost: number | undefined,
    late: boolean,
  ): PollResult => {
    const outputs = outputsOf(type, result, glbUrls, deps.baseUrl);
    if (outputs.length === 0) {
      return {
        status: 'failed',
        error: new GenHubError(
          'PROVIDER_UNAVAILABLE',
          'GateAI finished the generation without any result link.',
          {
            provider: 'gateai',
            details: { taskId: id },
          },
        ),
      };
    }
    const warnings: Warning[] = late
      ? [
          {
            type: 'other',
            message:
              'GateAI finished this generation more than 20 minutes after it started, so GateAI refunded it and it cost nothing.',
          },
        ]
      : [];
    const cost = late ? 0 : reportedCost;
    return {
      status: 'succeeded',
      outputs,
      ...(cost === undefined ? {} : { cost: { usd: cost } }),
      ...(warnings.length === 0 ? {} : { warnings }),
    };
  };

  const provider: GateAiProvider & { [gateAiMarker]: true } = {
    [gateAiMarker]: true,
    catalogue: Object.freeze({ ...deps.catalogue }),
    capabilities: { idempotentSubmit: false },

    models: () => deps.models.map((model) => model.spec),

    async submit(request, { signal }): Promise<SubmitResult> {
      const model = findModel(request.model);
      checkTaskInputs(model, request.task, request.params);
      // Uploads happen before the generation is sent: their failures cannot have created a task.
      const params = await toWireParams(model, request.params, deps.resolver, signal).catch(
        (error: unknown) => {
          throw beforeAcceptance(error);
        },
      );
      const created = await api.generate({ model: model.wire.id, type: model.wire.type, params }, signal);
      const warnings = adjustmentWarnings(created.adjustments, params, model.roles);
      if (warnings.length > 0) {
        deps.logger.info('GateAI adjusted a request to fit its daily budget', {
          model: model.wire.id,
          taskId: created.task_id,
          adjustments: warnings.length,
        });
      }
      const status = created.status?.toUpperCase();
      // GateAI answered, so nothing is lost: the task failed at once.
      if (status === 'FAILED')
        throw beforeAcceptance(gateAiTaskError(created.error, created.task_id, redactor));
      if (status === 'FINISHED' && (created.result?.length ?? 0) > 0) {
        const done = succeeded(
          created.task_id,
          model.wire.type,
          created.result ?? [],
          created.glb_urls ?? [],
          created.cost,
          false,
        );
        if (done.status === 'succeeded')
          return { ...done, warnings: [...warnings, ...(done.warnings ?? [])] };
      }
      const data: JsonObject = {
        model: model.wire.id,
        type: model.wire.type,
        submittedAt: clock.now(),
        ...(created.cost === undefined ? {} : { cost: created.cost }),
      };
      return {
        status: 'pending',
        ref: { id: created.task_id, data },
        ...(created.cost === undefined ? {} : { cost: { usd: created.cost } }),
        ...(warnings.length === 0 ? {} : { warnings }),
      };
    },

    /**
     * A submit whose answer was lost: GateAI takes no idempotency key, but `GET /api/me` lists the
     * key's active tasks (with their age) and its last 20 finished ones. Candidates are this
     * model's tasks that are no older than the submit; core adopts one only if exactly one is not
     * already another job's.
     */
    async findSubmitted(request, { signal, sentAt }): Promise<TaskRef[]> {
      const model = findModel(request.model);
      const me = await api.me(deps.apiKey, signal);
      const ageLimit = (clock.now() - sentAt) / 1000 + ELAPSED_SLACK_SECONDS;
      const active = (me.active_tasks ?? []).filter(
        (task) => task.model === model.wire.id && (task.elapsed === undefined || task.elapsed <= ageLimit),
      );
      const recent = (me.recent_tasks ?? []).filter((task) => task.model === model.wire.id);
      return [...active, ...recent].map((task) => ({
        id: task.task_id,
        data: {
          model: model.wire.id,
          type: model.wire.type,
          submittedAt: sentAt,
          ...(task.cost === undefined ? {} : { cost: task.cost }),
        },
      }));
    },

    async poll(ref, { signal }): Promise<PollResult> {
      const data = lenient(taskData).parse(ref.data) ?? {};
      const type =
        data.type ?? (data.model === undefined ? undefined : byWireId.get(data.model)?.wire.type) ?? 'image';
      let task: StatusResponse;
      try {
        task = await api.status(ref.id, signal);
      } catch (error) {
        if (!GenHubError.isInstance(error) || error.status !== 404) throw error;
        // GateAI no longer knows the task: it will not finish, and asking again will not help.
        return {
          status: 'failed',
          error: new GenHubError('PROVIDER_UNAVAILABLE', `GateAI no longer knows task ${ref.id}.`, {
            provider: 'gateai',
            status: 404,
            retryable: false,
            cause: error,
          }),
        };
      }
      switch (task.status.trim().toUpperCase()) {
        case 'FINISHED': {
          // Kept (not deleted): core may poll a finished task again to retry its downloads.
          const late = lateTasks.has(ref.id);
          return succeeded(
            ref.id,
            type,
            task.result ?? [],
            task.glb_urls ?? [],
            task.cost ?? data.cost,
            late,
          );
        }
        case 'FAILED':
          lateTasks.delete(ref.id);
          return { status: 'failed', error: gateAiTaskError(task.error, ref.id, redactor) };
        default: {
          // PROCESSING (or QUEUED, which /api/me mentions): still running.
          if (
            data.submittedAt !== undefined &&
            clock.now() - data.submittedAt >= GateAiTimeouts.refundAfterMs
          ) {
            if (lateTasks.size >= LATE_TASKS_KEPT) {
              const oldest = lateTasks.values().next().value;
              if (oldest !== undefined) lateTasks.delete(oldest);
            }
            lateTasks.add(ref.id);
          }
          return pendingOf(task, type);
        }
      }
    },

    async balance({ signal }): Promise<ProviderBalance> {
      const credits = await api.credits(signal);
      const budget = credits.your_budget;
      const remaining =
        budget?.remaining ??
        (budget?.daily_limit !== undefined && budget.used !== undefined
          ? Math.max(0, budget.daily_limit - budget.used)
          : undefined);
      const details: Record<string, number | JsonObject> = {};
      if (budget?.daily_limit !== undefined) details.dailyLimitUsd = budget.daily_limit;
      if (budget?.used !== undefined) details.usedUsd = budget.used;
      if (credits.pool !== undefined) details.pool = credits.pool;
      return { ...(remaining === undefined ? {} : { usd: remaining }), details };
    },

    async health({ signal }): Promise<ProviderHealth> {
      const catalogue = describeCatalogue(deps.catalogue);
      try {
        const credits = await api.credits(signal, DefaultGateAiOptions.healthTimeoutMs);
        const budget = credits.your_budget;
        const money =
          budget?.remaining === undefined
            ? ''
            : `; $${budget.remaining} of the key's $${budget.daily_limit ?? '?'} daily budget left`;
        return { ok: true, message: `GateAI answers${money}. Using the ${catalogue}.` };
      } catch (error) {
        const failure = GenHubError.from(error, 'PROVIDER_UNAVAILABLE');
        return { ok: false, message: `GateAI ${failure.code}: ${failure.message} Using the ${catalogue}.` };
      }
    },

    async estimate(request, { signal }): Promise<RemoteEstimate> {
      const model = findModel(request.model);
      const params = await toWireParams(model, request.params, undefined, signal);
      const answer = await api.estimate({ model: model.wire.id, type: model.wire.type, params }, signal);
      return {
        price: { usd: answer.cost },
        ...(answer.daily_remaining === undefined ? {} : { dailyRemainingUsd: answer.daily_remaining }),
        ...(answer.fits_in_budget === undefined ? {} : { fitsInBudget: answer.fits_in_budget }),
        adjustments: adjustmentWarnings(answer.adjustments, params, model.roles),
      };
    },
  };
  return provider;
}
