import {
  definePlugin,
  GenHubError,
  type Output,
  type PollResult,
  type Price,
  type ProviderBalance,
  type ProviderHealth,
  Redactor,
  type SubmitResult,
  type TaskRef,
  type Warning,
} from '@genhub/provider';
import { type AiNativeApi, createAiNativeApi } from './ainative-api.js';
import { type AiNativeConfig, AiNativeDefaults, ainativeConfig } from './ainative-config.js';
import { errorForFailedGeneration } from './ainative-errors.js';
import { readHealth } from './ainative-health.js';
import { type AiNativeModel, aiNativeModels, type ResultKind } from './ainative-models.js';
import { outputFromResult } from './ainative-outputs.js';
import { isObject, type Json, num, remoteState, resultFields, str } from './ainative-wire.js';
import { creditsToUsd } from './credits.js';

/** What a task ref carries, so a poll in another process knows how to read the record. */
interface RefData {
  model: string;
  kind: ResultKind;
  creditsUsed?: number;
}

function refData(ref: TaskRef): RefData {
  const data = isObject(ref.data) ? ref.data : {};
  const kind = data.kind === 'speech' || data.kind === 'image' || data.kind === 'video' ? data.kind : 'video';
  const creditsUsed = num(data, 'creditsUsed');
  return { model: str(data, 'model') ?? '', kind, ...(creditsUsed === undefined ? {} : { creditsUsed }) };
}

/**
 * GenHub's provider plugin for the AINative Studio multimodal API: MiniMax speech, Qwen images,
 * image-to-video (wan22, seedance, sora2), text-to-video and CogVideoX. Generations answer with their
 * media, so `submit` usually finishes at once; one that answers `processing` is polled through its
 * usage record (`GET /usage/{usage_id}`). Credits used become the job's actual cost.
 */
export const ainativePlugin = definePlugin({
  id: 'ainative',
  name: 'AINative Studio',
  description: 'Speech, images and video from the AINative Studio multimodal API.',
  contract: 1,
  config: ainativeConfig,
  setup({ http, logger }, config: AiNativeConfig) {
    const api = createAiNativeApi(http, config);
    const models = aiNativeModels(config.usdPerCredit);
    const byId = new Map(models.map((model) => [model.spec.id, model]));
    const redactor = new Redactor([config.apiKey]);
    let remaining: { credits: number; at: string } | undefined;

    const cost = (credits: number | undefined): Price | undefined =>
      credits === undefined ? undefined : { usd: creditsToUsd(credits, config.usdPerCredit) };
    const noteBalance = (fields: Json): void => {
      const credits = num(fields, 'credits_remaining');
      if (credits !== undefined) remaining = { credits, at: new Date().toISOString() };
    };
    const modelFor = (id: string): AiNativeModel => {
      const model = byId.get(id);
      if (!model) {
        throw new GenHubError('MODEL_NOT_FOUND', `AINative has no model ${id}.`, {
          provider: 'ainative',
          suggestions: [...byId.keys()],
        });
      }
      return model;
    };

    return {
      models: () => models.map((model) => model.spec),

      async submit(request, { signal }): Promise<SubmitResult> {
        const model = modelFor(request.model);
        const response = await api.generate(model, model.body(request.params), signal);
        noteBalance(response);
        const fields = resultFields(response);
        const state = remoteState(response.status);
        const usageId = str(response, 'usage_id', 'id');
        const creditsUsed = num(response, 'credits_used');
        if (state === 'failed') {
          throw errorForFailedGeneration(response, {
            redactor,
            modelName: model.spec.name,
            ...(model.premium === undefined ? {} : { premium: model.premium }),
            usageId: usageId ?? 'unknown',
          });
        }
        const output = await outputFromResult(model.kind, fields, api.baseUrl);
        const price = cost(creditsUsed);
        if (output) {
          const warnings = sizeWarnings(model, request.params, fields);
          return {
            status: 'succeeded',
            outputs: [output],
            ...(price === undefined ? {} : { cost: price }),
            ...(warnings.length === 0 ? {} : { warnings }),
          };
        }
        if (usageId === undefined) {
          throw new GenHubError(
            'PROVIDER_UNAVAILABLE',
            `AINative answered ${model.spec.name} with neither a result nor a usage id to follow.`,
            { provider: 'ainative', retryable: false },
          );
        }
        logger.debug('ainative generation is processing', { model: model.spec.id, usageId });
        const data: RefData = {
          model: model.spec.id,
          kind: model.kind,
          ...(creditsUsed === undefined ? {} : { creditsUsed }),
        };
        return {
          status: 'pending',
          ref: { id: usageId, data: { ...data } },
          ...(price === undefined ? {} : { cost: price }),
        };
      },

      async poll(ref, { signal }): Promise<PollResult> {
        const data = refData(ref);
        const model = byId.get(data.model);
        const kind = model?.kind ?? data.kind;
        const record = await api.usageRecord(ref.id, signal);
        if (record === undefined) {
          return {
            status: 'failed',
            error: new GenHubError('PROVIDER_UNAVAILABLE', `AINative has no usage record ${ref.id}.`, {
              provider: 'ainative',
              retryable: false,
              details: { usageId: ref.id },
            }),
          };
        }
        noteBalance(record);
        const state = remoteState(record.status);
        if (state === 'failed') {
          return {
            status: 'failed',
            error: errorForFailedGeneration(record, {
              redactor,
              usageId: ref.id,
              ...(model === undefined ? {} : { modelName: model.spec.name }),
              ...(model?.premium === undefined ? {} : { premium: model.premium }),
            }),
          };
        }
        if (state === 'cancelled') return { status: 'cancelled' };
        const fields = resultFields(record);
        const output: Output | undefined =
          state === 'pending'
            ? undefined
            : await outputFromResult(kind, { usage_id: ref.id, ...fields }, api.baseUrl);
        if (output) {
          const price = cost(num(record, 'credits_used') ?? data.creditsUsed);
          return { status: 'succeeded', outputs: [output], ...(price === undefined ? {} : { cost: price }) };
        }
        if (state === 'succeeded') {
          return {
            status: 'failed',
            error: new GenHubError(
              'PROVIDER_UNAVAILABLE',
              `AINative finished usage ${ref.id} without a result.`,
              {
                provider: 'ainative',
                retryable: false,
                details: { usageId: ref.id },
              },
            ),
          };
        }
        if (state === undefined) {
          logger.warn('ainative usage record has an unknown status; still waiting', {
            usageId: ref.id,
            status: String(record.status),
          });
        }
        const percent = num(record, 'progress', 'progress_percent');
        return {
          status: 'pending',
          pollAfterMs: AiNativeDefaults.pollAfterMs[kind],
          ...(percent === undefined
            ? {}
            : { percent: percent <= 1 && percent > 0 ? percent * 100 : percent }),
        };
      },

      /** The balance AINative last reported with a generation; no endpoint reports it on demand. */
      async balance(): Promise<ProviderBalance> {
        if (remaining === undefined) {
          return { details: { source: 'none', note: 'AINative reports credits only with a generation.' } };
        }
        return {
          credits: remaining.credits,
          usd: creditsToUsd(remaining.credits, config.usdPerCredit),
          details: { source: 'credits_remaining', reportedAt: remaining.at },
        };
      },

      /** `GET /health` for the GPU endpoints, then `GET /usage?limit=1` to prove the key works. */
      async health({ signal }): Promise<ProviderHealth> {
        return checkHealth(api, signal);
      },
    };
  },
});

/** An `adjusted` warning per edge when the image came back at another size than asked. */
function sizeWarnings(
  model: AiNativeModel,
  params: Readonly<Record<string, unknown>>,
  fields: Json,
): Warning[] {
  if (model.kind !== 'image') return [];
  const warnings: Warning[] = [];
  for (const edge of ['width', 'height'] as const) {
    const asked = params[edge];
    const got = num(fields, edge);
    if (typeof asked === 'number' && got !== undefined && got !== asked) {
      warnings.push({
        type: 'adjusted',
        param: edge,
        from: asked,
        to: got,
        reason: `AINative returned a ${edge} of ${got}`,
      });
    }
  }
  return warnings;
}

async function checkHealth(api: AiNativeApi, signal: AbortSignal): Promise<ProviderHealth> {
  let answer: Awaited<ReturnType<AiNativeApi['health']>>;
  try {
    answer = await api.health(signal);
  } catch (error) {
    return { ok: false, message: GenHubError.from(error, 'PROVIDER_UNAVAILABLE').message };
  }
  const health = readHealth(answer.status, answer.body);
  if (!health.ok) return health;
  try {
    await api.listUsage({ limit: 1 }, signal);
  } catch (error) {
    const failure = GenHubError.from(error, 'PROVIDER_UNAVAILABLE');
    return {
      ok: false,
      message:
        failure.code === 'AUTH'
          ? 'AINative is up but refused the API key (GENHUB_AINATIVE_API_KEY).'
          : `AINative is up but its usage endpoint failed: ${failure.message}`,
    };
  }
  return health;
}
