import { GenHubError, type Logger } from '@genhub/provider';
import { DOCUMENT_CATALOGUE } from './document-catalogue.js';
import { parseCatalogue } from './parse-catalogue.js';
import type { WireModel } from './wire-model.js';

/** Which catalogue the plugin runs on, and why. */
export interface CatalogueStatus {
  /** `discovered`: GateAI's `/v1/models/schema` at start. `bundled`: the copy of the document shipped with the plugin. */
  source: 'discovered' | 'bundled';
  /** Why the bundled copy is in use. */
  reason?: string;
  /** Models in use. */
  models: number;
  /** Discovered entries left out because they could not be read. */
  skipped: number;
}

export interface LoadCatalogueOptions {
  /** `auto` discovers and falls back to the bundled copy; `bundled` never asks GateAI. */
  mode: 'auto' | 'bundled';
  /** Fetches the raw `/v1/models/schema` body. */
  discover: () => Promise<unknown>;
  logger: Logger;
  /** The bundled copy; the document's unless given. */
  bundled?: readonly WireModel[];
}

/** A sentence saying which catalogue is in use, for health checks and model descriptions. */
export function describeCatalogue(status: CatalogueStatus): string {
  return status.source === 'discovered'
    ? `live catalogue from GateAI's /v1/models/schema (${status.models} models)`
    : `catalogue bundled from GateAI's documentation (${status.models} models; ${status.reason ?? 'discovery was not used'})`;
}

/**
 * The models GateAI offers: discovered from `GET /v1/models/schema` at start, else the copy of
 * the document bundled with the plugin. Falling back is logged as a warning with the reason.
 * A discovered model takes its parameters from GateAI; what the schema does not carry (a display
 * name, size presets and ranges, an example) comes from the bundled entry with the same id.
 */
export async function loadCatalogue(
  options: LoadCatalogueOptions,
): Promise<{ status: CatalogueStatus; models: WireModel[] }> {
  const bundled = options.bundled ?? DOCUMENT_CATALOGUE;
  const fallback = (reason: string) => {
    const status: CatalogueStatus = { source: 'bundled', reason, models: bundled.length, skipped: 0 };
    if (options.mode === 'auto') {
      options.logger.warn(
        'GateAI model discovery failed; using the catalogue bundled from its documentation',
        {
          reason,
          models: bundled.length,
        },
      );
    } else {
      options.logger.info('using the GateAI catalogue bundled from its documentation', { reason });
    }
    return { status, models: [...bundled] };
  };
  if (options.mode === 'bundled') return fallback('configured to use the bundled catalogue');

  let body: unknown;
  try {
    body = await options.discover();
  } catch (error) {
    return fallback(`discovery failed: ${GenHubError.from(error, 'PROVIDER_UNAVAILABLE').message}`);
  }
  let parsed: ReturnType<typeof parseCatalogue>;
  try {
    parsed = parseCatalogue(body);
  } catch (error) {
    return fallback(`discovery answered something unreadable: ${(error as Error).message}`);
  }
  for (const skipped of parsed.skipped) {
    options.logger.warn('skipping a GateAI model whose schema could not be read', skipped);
  }
  if (parsed.models.length === 0) return fallback('discovery listed no usable models');

  const byId = new Map(bundled.map((model) => [model.id.toLowerCase(), model]));
  const models = parsed.models.map((model) => withBundledExtras(model, byId.get(model.id.toLowerCase())));
  return {
    status: { source: 'discovered', models: models.length, skipped: parsed.skipped.length },
    models,
  };
}

function withBundledExtras(model: WireModel, bundled: WireModel | undefined): WireModel {
  if (!bundled) return model;
  const merged: WireModel = { ...model };
  if (merged.name === undefined && bundled.name !== undefined) merged.name = bundled.name;
  if (merged.cost === undefined && bundled.cost !== undefined) merged.cost = bundled.cost;
  if (merged.sizes === undefined && bundled.sizes !== undefined) merged.sizes = bundled.sizes;
  if (merged.example === undefined && bundled.example !== undefined) merged.example = bundled.example;
  if (merged.validWidths === undefined && bundled.validWidths !== undefined) {
    merged.validWidths = bundled.validWidths;
  }
  if (merged.validHeights === undefined && bundled.validHeights !== undefined) {
    merged.validHeights = bundled.validHeights;
  }
  return merged;
}
