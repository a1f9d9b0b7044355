import {
  defineModel,
  definePlugin,
  defineProvider,
  GenHubError,
  type JsonObject,
  lenient,
  type PollResult,
  type Price,
  type ProviderBalance,
  type ProviderHealth,
  Redactor,
  type SubmitResult,
  type Warning,
} from '@genhub/provider';
import { z } from 'zod';
import { type AiNativeApi, createAiNativeApi } from './ainative-api.js';
import { type AiNativeConfig, AiNativeDefaults, ainativeConfig } from './ainative-config.js';
import { aiNativeFailedGeneration, premiumRefusal, type RefusedModel } from './ainative-errors.js';
import { readHealth } from './ainative-health.js';
import { type AiNativeModel, aiNativeModels } from './ainative-models.js';
import { outputFromResult } from './ainative-outputs.js';
import type { AnswerFields } from './ainative-wire.js';
import { creditsToUsd } from './credits.js';

/** What a task ref carries, so a poll in another process knows how to read the record. */
const refData = z
  .object({
    model: z.string().catch(''),
    kind: z.enum(['speech', 'image', 'video']).catch('video'),
    creditsUsed: lenient(z.number()),
  })
  .catch({ model: '', kind: 'video' });

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
    const noteBalance = ({ credits_remaining: credits }: AnswerFields): void => {
      if (credits !== undefined) remaining = { credits, at: new Date().toISOString() };
    };
    const refused = (model: AiNativeModel | undefined): RefusedModel => ({
      name: model?.spec.name ?? 'The generation',
      ...(model?.premium === undefined ? {} : { premium: model.premium }),
    });
    const failedGeneration = (record: AnswerFields, usageId: string, model: AiNativeModel | undefined) =>
      premiumRefusal(
        aiNativeFailedGeneration(
          {
            summary: `AINative failed to generate (usage ${usageId})`,
            ...(record.failure === undefined ? {} : { words: record.failure }),
            details: { usageId },
          },
          { redactor },
        ),
        refused(model),
      );

    const generate = async (
      model: AiNativeModel,
      params: z.output<z.ZodObject>,
      signal: AbortSignal,
    ): Promise<SubmitResult> => {
      const body = model.body(params);
      const { record, result } = await api.generate(model, body, signal).catch((error: unknown) => {
        throw GenHubError.isInstance(error) ? premiumRefusal(error, refused(model)) : error;
      });
      noteBalance(record);
      const usageId = record.usage_id ?? record.id;
      if (record.state === 'failed') throw failedGeneration(record, usageId ?? 'unknown', model);
      const output = await outputFromResult(model.kind, result, api.baseUrl);
      const price = cost(record.credits_used);
      if (output) {
        const warnings = model.kind === 'image' ? sizeWarnings(body, result) : [];
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
      const data: JsonObject = {
        model: model.spec.id,
        kind: model.kind,
        ...(record.credits_used === undefined ? {} : { creditsUsed: record.credits_used }),
      };
      return {
        status: 'pending',
        ref: { id: usageId, data },
        ...(price === undefined ? {} : { cost: price }),
      };
    };

    return defineProvider({
      models: models.map((model) =>
        defineModel({ ...model.spec, submit: ({ params, signal }) => generate(model, params, signal) }),
      ),

      async poll(ref, { signal }): Promise<PollResult> {
        const data = refData.parse(ref.data);
        const model = byId.get(data.model);
        const kind = model?.kind ?? data.kind;
        const answer = await api.usageRecord(ref.id, signal);
        if (answer === undefined) {
          return {
            status: 'failed',
            error: new GenHubError('PROVIDER_UNAVAILABLE', `AINative has no usage record ${ref.id}.`, {
              provider: 'ainative',
              retryable: false,
              details: { usageId: ref.id },
            }),
          };
        }
        const { record, result } = answer;
        noteBalance(record);
        if (record.state === 'failed') {
          return { status: 'failed', error: failedGeneration(record, ref.id, model) };
        }
        if (record.state === 'cancelled') return { status: 'cancelled' };
        const output =
          record.state === 'pending'
            ? undefined
            : await outputFromResult(kind, { ...result, usage_id: result.usage_id ?? ref.id }, api.baseUrl);
        if (output) {
          const price = cost(record.credits_used ?? data.creditsUsed);
          return { status: 'succeeded', outputs: [output], ...(price === undefined ? {} : { cost: price }) };
        }
        if (record.state === 'succeeded') {
          return {
            status: 'failed',
            error: new GenHubError(
              'PROVIDER_UNAVAILABLE',
              `AINative finished usage ${ref.id} without a result.`,
              { provider: 'ainative', retryable: false, details: { usageId: ref.id } },
            ),
          };
        }
        if (record.state === undefined) {
          logger.warn('ainative usage record has an unknown status; still waiting', {
            usageId: ref.id,
            status: String(record.status),
          });
        }
        const percent = record.progress ?? record.progress_percent;
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
    });
  },
});

/** An `adjusted` warning per edge when the image came back at another size than asked. */
function sizeWarnings(sent: Readonly<Record<string, unknown>>, result: AnswerFields): Warning[] {
  const warnings: Warning[] = [];
  for (const edge of ['width', 'height'] as const) {
    const asked = sent[edge];
    const got = result[edge];
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
