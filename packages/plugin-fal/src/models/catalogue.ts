import {
  ConfigError,
  type HttpClient,
  type Logger,
  type OutputKind,
  requestJson,
  TASKS,
  type Task,
  type TypedModel,
} from '@genhub/provider';
import { z } from 'zod';
import { isAppId } from '../api/app-id.js';
import { requestErrors } from '../api/errors.js';
import type { FalQueue } from '../api/queue.js';
import type { FalStorage } from '../api/storage.js';
import type { FalSettings } from '../config.js';
import { BUNDLED_SCHEMAS } from '../schemas/index.js';
import { buildModel } from './build-model.js';
import { BUNDLED_APPS } from './bundled-apps.js';
import { type AppSchema, appSchemaFromOpenApi } from './openapi.js';

/** Schemas read from fal in this process, by URL: each app's document is fetched once. */
const fetchedSchemas = new Map<string, Promise<AppSchema>>();

/** The bundled models, then every operator-listed app whose schema fal publishes. */
export async function loadModels(
  settings: FalSettings,
  deps: { http: HttpClient; queue: FalQueue; storage: FalStorage; logger: Logger; signal: AbortSignal },
): Promise<TypedModel[]> {
  const models = BUNDLED_APPS.map((app) => {
    const schema = BUNDLED_SCHEMAS.get(app.appId);
    if (schema === undefined)
      throw new Error(`No bundled schema for ${app.appId}; run scripts/generate-schemas.ts.`);
    return buildModel({ ...app, schema }, deps);
  });
  for (const appId of settings.apps) {
    if (BUNDLED_APPS.some((app) => app.appId === appId)) continue;
    if (!isAppId(appId)) {
      throw new ConfigError([
        {
          key: 'apps',
          env: 'GENHUB_FAL_APPS',
          message: `"${appId}" is not a fal app id such as fal-ai/flux/dev.`,
        },
      ]);
    }
    const schema = await appSchema(settings.openapiUrl, appId, deps).catch((error: unknown) => {
      // One unreadable app must not take the bundled models down with it.
      deps.logger.warn('fal app skipped: its OpenAPI schema could not be read', { appId, error });
      return undefined;
    });
    if (schema === undefined) continue;
    const task = taskFor(schema.category);
    if (task === undefined) {
      deps.logger.warn('fal app skipped: its category is no GenHub task', {
        appId,
        category: schema.category ?? null,
      });
      continue;
    }
    models.push(
      buildModel(
        {
          schema,
          name: `${appId} (fal)`,
          tasks: [task],
          output: outputKindFor(task),
          estimatePrice: () => ({ usd: settings.appPriceUsd, approximate: true }),
        },
        deps,
      ),
    );
  }
  return models;
}

function appSchema(openapiUrl: string, appId: string, deps: { http: HttpClient; signal: AbortSignal }) {
  const url = `${openapiUrl}${encodeURIComponent(appId)}`;
  let schema = fetchedSchemas.get(url);
  if (schema === undefined) {
    schema = requestJson(deps.http, { url, signal: deps.signal }, z.unknown(), {
      provider: 'fal',
      errors: requestErrors,
    }).then((document) => appSchemaFromOpenApi(document, appId));
    // A failed read is tried again at the next start, not remembered.
    schema.catch(() => fetchedSchemas.delete(url));
    fetchedSchemas.set(url, schema);
  }
  return schema;
}

function taskFor(category: string | undefined): Task | undefined {
  return TASKS.find((task) => task === category);
}

function outputKindFor(task: Task): OutputKind {
  if (task.endsWith('-video')) return 'video';
  if (task.endsWith('-3d')) return 'model3d';
  if (task.endsWith('-vector')) return 'vector';
  if (task === 'text-to-speech' || task === 'text-to-sound' || task === 'text-to-music') return 'audio';
  return 'image';
}
