import {
  defineModel,
  definePlugin,
  defineProvider,
  GenHubError,
  type HttpClient,
  jsonBody,
  lenient,
  type PollResult,
  type Provider,
  type ProviderBalance,
  type TaskRef,
} from '@genhub/provider';
import { z } from 'zod';
import { catalogue } from './catalogue.js';
import { type ImaModel, type ImaRequest, POLL_ROUTES, type PollRoute } from './ima-request.js';
import { type ImarouterCall, imarouterApi } from './imarouter-api.js';
import { imarouterConfigSchema } from './imarouter-config.js';
import { assetsClient, type ImarouterAssets } from './portrait-assets.js';
import { midjourneyButtons, readCreated, readPollResult } from './task-results.js';

/** Where each kind of task is polled. */
const POLL_PATHS: Readonly<Record<PollRoute, (id: string) => string>> = {
  image: (id) => `/v1/images/generations/${id}`,
  music: (id) => `/v1/music/generations/${id}`,
  speech: (id) => `/v1/audio/speech/${id}`,
  video: (id) => `/v1/videos/${id}`,
  contents: (id) => `/api/v1/contents/generations/tasks/${id}`,
  'subtitle-erase': (id) => `/v1/videos/subtitle-erase/${id}`,
  'video-generations': (id) => `/v1/video/generations/${id}`,
  'kling-text2video': (id) => `/kling/v1/videos/text2video/${id}`,
  'kling-image2video': (id) => `/kling/v1/videos/image2video/${id}`,
  midjourney: (id) => `/mj/task/${id}/fetch`,
};

/** What the plugin keeps in a task ref, so a restarted GenHub polls the right endpoint. */
const taskData = z.object({
  poll: z.enum(POLL_ROUTES),
  /** The remote model, for logs and errors. */
  model: z.string(),
});

export type ImarouterTaskData = z.output<typeof taskData>;

/** The provider with the extras the contract has no place for: the portrait asset library. */
export interface ImarouterProvider extends Provider {
  readonly assets: ImarouterAssets;
}

/** True for the provider this plugin's `setup` returns (from the registry: `registry.find(id).provider`). */
export function isImarouterProvider(provider: Provider): provider is ImarouterProvider {
  return 'assets' in provider && typeof provider.assets === 'object' && provider.assets !== null;
}

/** Sends one built request and reads the task it created. */
export async function sendRequest(
  call: ImarouterCall,
  model: ImaModel,
  built: ImaRequest,
  signal: AbortSignal,
): Promise<{ ref: TaskRef; percent?: number }> {
  const body = await call(
    {
      method: 'POST',
      url: built.path,
      json: built.body,
      ...(built.headers === undefined ? {} : { headers: built.headers }),
      signal,
    },
    z.unknown(),
  );
  const created = readCreated(body, built.created);
  const data: ImarouterTaskData = { poll: built.poll, model: model.remote };
  return {
    ref: { id: created.id, data },
    ...(created.percent === undefined ? {} : { percent: created.percent }),
  };
}

/** A Midjourney SUCCESS without image links: its first image is streamed by `GET /mj/image/{id}`. */
const linklessSuccess = z.looseObject({
  status: z.string().regex(/^success$/i),
  buttons: midjourneyButtons,
});

/** Polls a task by its ref. Midjourney results without links are fetched as bytes from the image proxy. */
export async function pollTask(
  api: HttpClient,
  call: ImarouterCall,
  ref: TaskRef,
  signal: AbortSignal,
): Promise<PollResult> {
  const parsed = taskData.safeParse(ref.data);
  if (!parsed.success) {
    throw new GenHubError('INTERNAL', `The imarouter task ref ${ref.id} does not say how to poll it.`);
  }
  const { poll } = parsed.data;
  const id = encodeURIComponent(ref.id);
  const body = await call({ url: POLL_PATHS[poll](id), signal }, z.unknown());
  const result = readPollResult(poll, body, ref.id);
  const linkless =
    poll === 'midjourney' && result.status === 'failed' ? linklessSuccess.safeParse(body) : undefined;
  if (!linkless?.success) return result;
  const response = await api.request({ url: `/mj/image/${id}`, signal });
  if (response.status < 200 || response.status >= 300) {
    await response.dump();
    return result;
  }
  const bytes = await response.bytes();
  if (bytes.byteLength === 0) return result;
  return {
    status: 'succeeded',
    outputs: [
      {
        kind: 'bytes',
        data: bytes,
        mediaType: response.headers['content-type'] ?? 'application/octet-stream',
        metadata: {
          midjourney: { taskId: ref.id, index: 1, buttons: linkless.data.buttons.map(jsonBody) },
        },
      },
    ],
  };
}

/** `GET /api/usage/token/user-balance`: `{ success, message, data: { balance_usd, ... } }`. */
const balanceAnswer = z.looseObject({
  success: z.unknown().optional(),
  message: lenient(z.string()),
  data: lenient(
    z.looseObject({
      balance_usd: lenient(z.number()),
      used_amount_usd: lenient(z.union([z.number(), z.string()])),
      quota: lenient(z.union([z.number(), z.string()])),
      used_quota: lenient(z.union([z.number(), z.string()])),
      quota_per_unit: lenient(z.union([z.number(), z.string()])),
      currency: lenient(z.union([z.number(), z.string()])),
    }),
  ),
});

/** The key's USD balance. */
async function balance(call: ImarouterCall, signal: AbortSignal): Promise<ProviderBalance> {
  const answer = await call({ url: '/api/usage/token/user-balance', signal }, lenient(balanceAnswer));
  const data = answer?.data;
  if (answer === undefined || answer.success === false || data === undefined) {
    throw new GenHubError(
      'PROVIDER_UNAVAILABLE',
      `imarouter answered without a balance: ${answer?.message ?? 'no balance'}`,
      { provider: 'imarouter' },
    );
  }
  return {
    ...(data.balance_usd === undefined ? {} : { usd: data.balance_usd }),
    details: jsonBody({
      usedUsd: data.used_amount_usd,
      quota: data.quota,
      usedQuota: data.used_quota,
      quotaPerUnit: data.quota_per_unit,
      currency: data.currency,
    }),
  };
}

/** imarouter: images, videos, music, speech and Midjourney behind one `sk-...` key. */
export const imarouterPlugin = definePlugin({
  id: 'imarouter',
  name: 'imarouter',
  description:
    'imarouter.com: Gemini, GPT Image, Seedream, Wan and PrunaAI images; Seedance, Kling, Veo, Wan, ' +
    'HappyHorse, Vidu, Pixverse and MiniMax videos; Sonic music; Seed TTS speech; Midjourney.',
  contract: 1,
  config: imarouterConfigSchema,
  setup({ http }, { apiKey, baseUrl }): ImarouterProvider {
    const { http: api, call } = imarouterApi(http, { apiKey, baseUrl });
    const models = catalogue().map((model) =>
      defineModel({
        ...model.spec,
        async submit({ task, params, signal }) {
          const built = model.build(task, params);
          const sent = await sendRequest(call, model, built, signal);
          return {
            status: 'pending',
            ref: sent.ref,
            ...(sent.percent === undefined ? {} : { progress: { percent: sent.percent } }),
            ...(built.warnings.length === 0 ? {} : { warnings: built.warnings }),
          };
        },
      }),
    );
    const provider = defineProvider({
      models,
      poll: (ref, { signal }) => pollTask(api, call, ref, signal),
      balance: ({ signal }) => balance(call, signal),
      async health({ signal }) {
        try {
          const current = await balance(call, signal);
          return { ok: true, message: `balance ${current.usd ?? '?'} USD` };
        } catch (error) {
          const failure = GenHubError.from(error, 'PROVIDER_UNAVAILABLE');
          return { ok: false, message: `${failure.code}: ${failure.message}` };
        }
      },
    });
    return { ...provider, assets: assetsClient(call) };
  },
});
