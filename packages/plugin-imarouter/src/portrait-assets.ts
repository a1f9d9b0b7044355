import { type CallOptions, GenHubError, type HttpClient, type JsonObject } from '@genhub/provider';
import { compact } from './ima-request.js';
import { ImarouterDefaults } from './imarouter-config.js';
import { isRecord } from './task-results.js';

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
  name?: string;
  title?: string;
  description?: string;
  groupType?: string;
  projectName?: string;
  createTime?: string;
  updateTime?: string;
}

export interface Asset {
  id: string;
  /** `asset://<id>`: what a Seedance request takes (`assetImages`, `assetVideos`, `assetAudios`). */
  uri: string;
  name?: string;
  url?: string;
  groupId?: string;
  assetType?: string;
  /** `Active` once reviewed and usable, `Processing` before, `Failed` when refused. */
  status?: string;
  projectName?: string;
  createTime?: string;
  updateTime?: string;
}

export interface AssetPage<T> {
  items: T[];
  totalCount?: number;
  pageNumber?: number;
  pageSize?: number;
}

export interface AssetQuota {
  enabled?: boolean;
  maxCountPerUser?: number;
  currentCount?: number;
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

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as T;
}

function toGroup(item: unknown): AssetGroup {
  const raw = isRecord(item) ? item : {};
  return defined({
    id: text(raw.Id) ?? '',
    name: text(raw.Name),
    title: text(raw.Title),
    description: text(raw.Description),
    groupType: text(raw.GroupType),
    projectName: text(raw.ProjectName),
    createTime: text(raw.CreateTime),
    updateTime: text(raw.UpdateTime),
  }) as AssetGroup;
}

function toAsset(item: unknown): Asset {
  const raw = isRecord(item) ? item : {};
  const id = text(raw.Id) ?? '';
  return defined({
    id,
    uri: assetUri(id),
    name: text(raw.Name),
    url: text(raw.URL),
    groupId: text(raw.GroupId),
    assetType: text(raw.AssetType),
    status: text(raw.Status),
    projectName: text(raw.ProjectName),
    createTime: text(raw.CreateTime),
    updateTime: text(raw.UpdateTime),
  }) as Asset;
}

function toPage<T>(data: unknown, map: (item: unknown) => T): AssetPage<T> {
  const raw = isRecord(data) ? data : {};
  return defined({
    items: Array.isArray(raw.Items) ? raw.Items.map(map) : [],
    totalCount: numberOf(raw.TotalCount),
    pageNumber: numberOf(raw.PageNumber),
    pageSize: numberOf(raw.PageSize),
  }) as AssetPage<T>;
}

function listBody(input: ListOptions, filters: Record<string, unknown>): JsonObject {
  return compact({
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
export function assetsClient(api: HttpClient): ImarouterAssets {
  const call = async (path: string, body: JsonObject, options?: Partial<CallOptions>): Promise<unknown> => {
    const answer = await api.json<unknown>({
      method: 'POST',
      url: path,
      json: body,
      ...(options?.signal === undefined ? {} : { signal: options.signal }),
    });
    if (!isRecord(answer) || answer.success === false) {
      const message = isRecord(answer) ? text(answer.message) : undefined;
      throw new GenHubError('INVALID_INPUT', `imarouter refused ${path}: ${message ?? 'no reason given'}`, {
        provider: 'imarouter',
      });
    }
    return answer.data;
  };
  const idOf = (data: unknown): { id: string } => ({ id: isRecord(data) ? (text(data.Id) ?? '') : '' });

  const assets: ImarouterAssets = {
    async createGroup(input, options) {
      const data = await call(
        '/v1/assets/group/create',
        compact({
          name: input.name,
          description: input.description,
          group_type: input.groupType,
          project_name: input.projectName,
          model: input.model,
        }),
        options,
      );
      return toGroup(data);
    },
    async listGroups(input = {}, options) {
      const body = listBody(input, {
        name: input.name,
        group_ids: input.groupIds,
        group_type: input.groupType,
      });
      return toPage(await call('/v1/assets/group/list', body, options), toGroup);
    },
    async getGroup(id, options) {
      return toGroup(await call('/v1/assets/group/get', { id }, options));
    },
    async updateGroup(input, options) {
      const body = compact({ id: input.id, name: input.name, description: input.description });
      return idOf(await call('/v1/assets/group/update', body, options));
    },
    async createAsset(input, options) {
      const data = await call(
        '/v1/assets/create',
        compact({
          group_id: input.groupId,
          url: input.url,
          name: input.name,
          asset_type: input.assetType,
          project_name: input.projectName,
          billing_token_id: input.billingTokenId,
          model: input.model,
        }),
        options,
      );
      const { id } = idOf(data);
      return defined({
        id,
        uri: assetUri(id),
        url: input.url,
        groupId: input.groupId,
        name: input.name,
        assetType: input.assetType ?? 'Image',
      }) as Asset;
    },
    async listAssets(input = {}, options) {
      const body = listBody(input, {
        group_ids: input.groupIds,
        group_type: input.groupType,
        statuses: input.statuses,
        name: input.name,
      });
      return toPage(await call('/v1/assets/list', body, options), toAsset);
    },
    async getAsset(id, options) {
      return toAsset(await call('/v1/assets/get', { id }, options));
    },
    async updateAsset(input, options) {
      return idOf(await call('/v1/assets/update', { id: input.id, name: input.name }, options));
    },
    async quota(options) {
      const data = await call('/v1/assets/quota', {}, options);
      const raw = isRecord(data) ? data : {};
      return defined({
        enabled: typeof raw.enabled === 'boolean' ? raw.enabled : undefined,
        maxCountPerUser: numberOf(raw.max_count_per_user),
        currentCount: numberOf(raw.current_count),
      }) as AssetQuota;
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
  const baseUrl = (config.baseUrl ?? ImarouterDefaults.baseUrl).replace(/\/+$/, '');
  return assetsClient(
    http.withDefaults({
      baseUrl,
      headers: { authorization: `Bearer ${config.apiKey}` },
      secrets: [config.apiKey],
      provider: 'imarouter',
    }),
  );
}
