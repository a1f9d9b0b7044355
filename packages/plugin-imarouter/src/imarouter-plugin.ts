import {
  definePlugin,
  GenHubError,
  type HttpClient,
  type PollResult,
  type Provider,
  type ProviderBalance,
  type TaskRef,
} from '@genhub/provider';
import { catalogue } from './catalogue.js';
import { type ImaModel, type ImaRequest, POLL_ROUTES, type PollRoute } from './ima-request.js';
import { imarouterConfigSchema } from './imarouter-config.js';
import { assetsClient, type ImarouterAssets } from './portrait-assets.js';
import { isRecord, readCreated, readPollResult } from './task-results.js';

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
export interface ImarouterTaskData {
  poll: PollRoute;
  /** The remote model, for logs and errors. */
  model: string;
}

/** The provider with the extras the contract has no place for: the portrait asset library. */
export interface ImarouterProvider extends Provider {
  readonly assets: ImarouterAssets;
}

/** True for the provider this plugin's `setup` returns (from the registry: `registry.find(id).provider`). */
export function isImarouterProvider(provider: Provider): provider is ImarouterProvider {
  return isRecord((provider as Partial<ImarouterProvider>).assets);
}

function taskData(ref: TaskRef): ImarouterTaskData {
  const data = ref.data;
  if (
    isRecord(data) &&
    typeof data.poll === 'string' &&
    (POLL_ROUTES as readonly string[]).includes(data.poll) &&
    typeof data.model === 'string'
  ) {
    return { poll: data.poll as PollRoute, model: data.model };
  }
  throw new GenHubError('INTERNAL', `The imarouter task ref ${ref.id} does not say how to poll it.`);
}

/** Sends one built request and reads the task it created. */
export async function sendRequest(
  api: HttpClient,
  model: ImaModel,
  built: ImaRequest,
  signal: AbortSignal,
): Promise<{ ref: TaskRef; percent?: number }> {
  const body = await api.json<unknown>({
    method: 'POST',
    url: built.path,
    json: built.body,
    ...(built.headers === undefined ? {} : { headers: built.headers }),
    signal,
  });
  const created = readCreated(body, built.created);
  const data: ImarouterTaskData = { poll: built.poll, model: model.remote };
  return {
    ref: { id: created.id, data: { ...data } },
    ...(created.percent === undefined ? {} : { percent: created.percent }),
  };
}

/** Polls a task by its ref. Midjourney results without links are fetched as bytes from the image proxy. */
export async function pollTask(api: HttpClient, ref: TaskRef, signal: AbortSignal): Promise<PollResult> {
  const { poll } = taskData(ref);
  const id = encodeURIComponent(ref.id);
  const body = await api.json<unknown>({ url: POLL_PATHS[poll](id), signal });
  const result = readPollResult(poll, body, ref.id);
  if (poll === 'midjourney' && result.status === 'failed' && isRecord(body)) {
    // A SUCCESS without imageUrl/urls: `GET /mj/image/{id}` streams the first image.
    if (typeof body.status === 'string' && body.status.toUpperCase() === 'SUCCESS') {
      const response = await api.request({ url: `/mj/image/${id}`, signal });
      if (response.status >= 200 && response.status < 300) {
        const bytes = await response.bytes();
        if (bytes.byteLength > 0) {
          return {
            status: 'succeeded',
            outputs: [
              {
                kind: 'bytes',
                data: bytes,
                mediaType: response.headers['content-type'] ?? 'application/octet-stream',
                metadata: {
                  midjourney: {
                    taskId: ref.id,
                    index: 1,
                    buttons: Array.isArray(body.buttons) ? JSON.parse(JSON.stringify(body.buttons)) : [],
                  },
                },
              },
            ],
          };
        }
      } else {
        await response.dump();
      }
    }
  }
  return result;
}

/** `GET /api/usage/token/user-balance`: the key's USD balance. */
async function balance(api: HttpClient, signal: AbortSignal): Promise<ProviderBalance> {
  const body = await api.json<unknown>({ url: '/api/usage/token/user-balance', signal });
  const data = isRecord(body) && isRecord(body.data) ? body.data : undefined;
  if (!isRecord(body) || body.success === false || data === undefined) {
    const message = isRecord(body) && typeof body.message === 'string' ? body.message : 'no balance';
    throw new GenHubError('PROVIDER_UNAVAILABLE', `imarouter answered without a balance: ${message}`, {
      provider: 'imarouter',
    });
  }
  const details: Record<string, string | number> = {};
  for (const [from, to] of [
    ['used_amount_usd', 'usedUsd'],
    ['quota', 'quota'],
    ['used_quota', 'usedQuota'],
    ['quota_per_unit', 'quotaPerUnit'],
    ['currency', 'currency'],
  ] as const) {
    const value = data[from];
    if (typeof value === 'number' || typeof value === 'string') details[to] = value;
  }
  return {
    ...(typeof data.balance_usd === 'number' ? { usd: data.balance_usd } : {}),
    details,
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
    const api = http.withDefaults({ baseUrl, headers: { authorization: `Bearer ${apiKey}` } });
    const models = catalogue();
    const byId = new Map(models.map((model) => [model.spec.id, model]));
    const specs = models.map((model) => model.spec);
    const find = (id: string): ImaModel => {
      const model = byId.get(id);
      if (!model) throw new GenHubError('MODEL_NOT_FOUND', `imarouter has no model ${id}.`);
      return model;
    };
    return {
      assets: assetsClient(api),
      models: () => specs,
      async submit(request, { signal }) {
        const model = find(request.model);
        const built = model.build(request.task, request.params);
        const sent = await sendRequest(api, model, built, signal);
        return {
          status: 'pending',
          ref: sent.ref,
          ...(sent.percent === undefined ? {} : { progress: { percent: sent.percent } }),
          ...(built.warnings.length === 0 ? {} : { warnings: built.warnings }),
        };
      },
      poll(ref, { signal }) {
        return pollTask(api, ref, signal);
      },
      balance: ({ signal }) => balance(api, signal),
      async health({ signal }) {
        try {
          const current = await balance(api, signal);
          return { ok: true, message: `balance ${current.usd ?? '?'} USD` };
        } catch (error) {
          const failure = GenHubError.from(error, 'PROVIDER_UNAVAILABLE');
          return { ok: false, message: `${failure.code}: ${failure.message}` };
        }
      },
    };
  },
});
