import {
  type CallOptions,
  GenHubError,
  type HttpClient,
  type JsonObject,
  jsonBody,
  lenient,
} from '@genhub/provider';
import { z } from 'zod';
import { type ImarouterCall, imarouterApi } from './imarouter-api.js';
import { ImarouterDefaults } from './imarouter-config.js';

/** Asset models: which channel (overseas or China) an asset is made for. */
export const ASSET_MODELS = [
  'ima-pro-upload',
  'ima-pro-upload-cn',
  'seedance-upload',
  'seedance-upload-cn',
] as const;
export type AssetModel = (typeof ASSET_MODELS)[number];
export type AssetType = 'Image' | 'Video' | 'Audio';

export interface AssetGroup {
  id: string;
  name?: string | undefined;
  title?: string | undefined;
  description?: string | undefined;
  groupType?: string | undefined;
  projectName?: string | undefined;
  createTime?: string | undefined;
  updateTime?: string | undefined;
}

export interface Asset {
  id: string;
  /** `asset://<id>`: what a Seedance request takes (`assetImages`, `assetVideos`, `assetAudios`). */
  uri: string;
  name?: string | undefined;
  url?: string | undefined;
  groupId?: string | undefined;
  assetType?: string | undefined;
  /** `Active` once reviewed and usable, `Processing` before, `Failed` when refused. */
  status?: string | undefined;
  projectName?: string | undefined;
  createTime?: string | undefined;
  updateTime?: string | undefined;
}

export interface AssetPage<T> {
  items: T[];
  totalCount?: number | undefined;
  pageNumber?: number | undefined;
  pageSize?: number | undefined;
}

export interface AssetQuota {
  enabled?: boolean | undefined;
  maxCountPerUser?: number | undefined;
  currentCount?: number | undefined;
}

export interface ListOptions {
  pageNumber?: number;
  pageSize?: number;
  sortBy?: 'CreateTime' | 'UpdateTime' | 'GroupId';
  sortOrder?: 'Asc' | 'Desc';
  projectName?: string;
  model?: AssetModel;
}

/**
 * The portrait asset library (`/v1/assets/...`): a person's likeness, uploaded once, reviewed, and
 * then passed to Seedance as `asset://...` in `assetImages` / `assetVideos` / `assetAudios`. Only
 * `createAsset` is charged. The plugin contract has no asset API, so this is a helper beside the
 * provider: use `provider.assets` of a started plugin, or `createImarouterAssets(http, config)`.
 */
export interface ImarouterAssets {
  createGroup(
    input: {
      name: string;
      description?: string;
      groupType?: string;
      projectName?: string;
      model?: AssetModel;
    },
    options?: Partial<CallOptions>,
  ): Promise<AssetGroup>;
  listGroups(
    input?: ListOptions & { name?: string; groupIds?: string[]; groupType?: string },
    options?: Partial<CallOptions>,
  ): Promise<AssetPage<AssetGroup>>;
  getGroup(id: string, options?: Partial<CallOptions>): Promise<AssetGroup>;
  updateGroup(
    input: { id: string; name?: string; description?: string },
    options?: Partial<CallOptions>,
  ): Promise<{ id: string }>;
  /** Uploads a public URL as an asset; it is `Processing` until reviewed (usually within 10 seconds). */
  createAsset(
    input: {
      groupId: string;
      url: string;
      name?: string;
      assetType?: AssetType;
      projectName?: string;
      model?: AssetModel;
      billingTokenId?: number;
    },
    options?: Partial<CallOptions>,
  ): Promise<Asset>;
  listAssets(
    input?: ListOptions & {
      groupIds?: string[];
      groupType?: string;
      statuses?: Array<'Active' | 'Failed' | 'Processing'>;
      name?: string;
    },
    options?: Partial<CallOptions>,
  ): Promise<AssetPage<Asset>>;
  getAsset(id: string, options?: Partial<CallOptions>): Promise<Asset>;
  updateAsset(input: { id: string; name: string }, options?: Partial<CallOptions>): Promise<{ id: string }>;
  quota(options?: Partial<CallOptions>): Promise<AssetQuota>;
  /** Polls `getAsset` until the asset is `Active`; a `Failed` asset throws CONTENT_REJECTED. */
  waitUntilActive(
    id: string,
    options?: Partial<CallOptions> & { intervalMs?: number; timeoutMs?: number },
  ): Promise<Asset>;
}

/** `asset://<id>` for an asset id. */
export function assetUri(id: string): string {
  return id.startsWith('asset://') ? id : `asset://${id}`;
}

/**
 * The asset model that matches a Seedance model's channel: overseas models take `seedance-upload`,
 * China (`-cn`) models `ima-pro-upload-cn`. Mixing them makes the video task fail later.
 */
export function assetModelFor(videoModel: string): AssetModel {
  return /-cn$/.test(videoModel.replace(/^imarouter\//, '')) ? 'ima-pro-upload-cn' : 'seedance-upload';
}

/** An object of the asset API read field by field; anything else reads as an empty one. */
function apiObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const object = z.looseObject(shape);
  return object.catch(() => object.parse({}));
}

const text = lenient(z.string());
const count = lenient(z.number());

const assetGroup = apiObject({
  Id: z.string().catch(''),
  Name: text,
  Title: text,
  Description: text,
  GroupType: text,
  ProjectName: text,
  CreateTime: text,
  UpdateTime: text,
}).transform(
  (group): AssetGroup => ({
    id: group.Id,
    name: group.Name,
    title: group.Title,
    description: group.Description,
    groupType: group.GroupType,
    projectName: group.ProjectName,
    createTime: group.CreateTime,
    updateTime: group.UpdateTime,
  }),
);

const asset = apiObject({
  Id: z.string().catch(''),
  Name: text,
  URL: text,
  GroupId: text,
  AssetType: text,
  Status: text,
  ProjectName: text,
  CreateTime: text,
  UpdateTime: text,
}).transform(
  (item): Asset => ({
    id: item.Id,
    uri: assetUri(item.Id),
    name: item.Name,
    url: item.URL,
    groupId: item.GroupId,
    assetType: item.AssetType,
    status: item.Status,
    projectName: item.ProjectName,
    createTime: item.CreateTime,
    updateTime: item.UpdateTime,
  }),
);

function page<Item extends z.ZodType>(item: Item) {
  return apiObject({
    Items: lenient(z.array(item)),
    TotalCount: count,
    PageNumber: count,
    PageSize: count,
  }).transform(
    (list): AssetPage<z.output<Item>> => ({
      items: list.Items ?? [],
      totalCount: list.TotalCount,
      pageNumber: list.PageNumber,
      pageSize: list.PageSize,
    }),
  );
}

const updated = apiObject({ Id: z.string().catch('') }).transform((answer) => ({ id: answer.Id }));

const quota = apiObject({
  enabled: lenient(z.boolean()),
  max_count_per_user: count,
  current_count: count,
}).transform(
  (answer): AssetQuota => ({
    enabled: answer.enabled,
    maxCountPerUser: answer.max_count_per_user,
    currentCount: answer.current_count,
  }),
);

/** What every asset call answers: `{ success, message, data }`. */
const assetAnswer = lenient(
  z.looseObject({ success: z.unknown().optional(), message: text, data: z.unknown().optional() }),
);

function listBody(input: ListOptions, filters: Record<string, unknown>): JsonObject {
  return jsonBody({
    filters,
    page_number: input.pageNumber,
    page_size: input.pageSize,
    sort_by: input.sortBy,
    sort_order: input.sortOrder,
    project_name: input.projectName,
    model: input.model,
  });
}

/** The portrait asset library on an HTTP client that already carries the imarouter key and base URL. */
export function assetsClient(call: ImarouterCall): ImarouterAssets {
  const post = async <Data extends z.ZodType>(
    path: string,
    body: JsonObject,
    data: Data,
    options?: Partial<CallOptions>,
  ): Promise<z.output<Data>> => {
    const answer = await call(
      {
        method: 'POST',
        url: path,
        json: body,
        ...(options?.signal === undefined ? {} : { signal: options.signal }),
      },
      assetAnswer,
    );
    if (answer === undefined || answer.success === false) {
      throw new GenHubError(
        'INVALID_INPUT',
        `imarouter refused ${path}: ${answer?.message ?? 'no reason given'}`,
        {
          provider: 'imarouter',
        },
      );
    }
    return data.parse(answer.data);
  };

  const assets: ImarouterAssets = {
    async createGroup(input, options) {
      const body = jsonBody({
        name: input.name,
        description: input.description,
        group_type: input.groupType,
        project_name: input.projectName,
        model: input.model,
      });
      return post('/v1/assets/group/create', body, assetGroup, options);
    },
    async listGroups(input = {}, options) {
      const body = listBody(input, {
        name: input.name,
        group_ids: input.groupIds,
        group_type: input.groupType,
      });
      return post('/v1/assets/group/list', body, page(assetGroup), options);
    },
    async getGroup(id, options) {
      return post('/v1/assets/group/get', { id }, assetGroup, options);
    },
    async updateGroup(input, options) {
      const body = jsonBody({ id: input.id, name: input.name, description: input.description });
      return post('/v1/assets/group/update', body, updated, options);
    },
    async createAsset(input, options) {
      const body = jsonBody({
        group_id: input.groupId,
        url: input.url,
        name: input.name,
        asset_type: input.assetType,
        project_name: input.projectName,
        billing_token_id: input.billingTokenId,
        model: input.model,
      });
      const { id } = await post('/v1/assets/create', body, updated, options);
      return {
        id,
        uri: assetUri(id),
        url: input.url,
        groupId: input.groupId,
        name: input.name,
        assetType: input.assetType ?? 'Image',
      };
    },
    async listAssets(input = {}, options) {
      const body = listBody(input, {
        group_ids: input.groupIds,
        group_type: input.groupType,
        statuses: input.statuses,
        name: input.name,
      });
      return post('/v1/assets/list', body, page(asset), options);
    },
    async getAsset(id, options) {
      return post('/v1/assets/get', { id }, asset, options);
    },
    async updateAsset(input, options) {
      return post('/v1/assets/update', { id: input.id, name: input.name }, updated, options);
    },
    async quota(options) {
      return post('/v1/assets/quota', {}, quota, options);
    },
    async waitUntilActive(id, options = {}) {
      const { intervalMs = 2000, timeoutMs = 60_000 } = options;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const asset = await assets.getAsset(id, options);
        if (asset.status === 'Active') return asset;
        if (asset.status === 'Failed') {
          throw new GenHubError('CONTENT_REJECTED', `The asset ${id} did not pass review.`, {
            provider: 'imarouter',
          });
        }
        if (Date.now() + intervalMs > deadline) {
          throw new GenHubError('TIMEOUT', `The asset ${id} was still ${asset.status ?? 'processing'}.`, {
            provider: 'imarouter',
          });
        }
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, intervalMs);
          options.signal?.addEventListener(
            'abort',
            () => {
              clearTimeout(timer);
              reject(new GenHubError('CANCELLED', 'Waiting for the asset was cancelled.'));
            },
            { once: true },
          );
        });
      }
    },
  };
  return assets;
}

/**
 * The portrait asset library outside a running GenHub, on any core HTTP client (`createHttpClient()`).
 * The key is redacted from the client's logs and errors.
 */
export function createImarouterAssets(
  http: HttpClient,
  config: { apiKey: string; baseUrl?: string },
): ImarouterAssets {
  const { call } = imarouterApi(http, {
    apiKey: config.apiKey,
    baseUrl: config.baseUrl ?? ImarouterDefaults.baseUrl,
  });
  return assetsClient(call);
}
