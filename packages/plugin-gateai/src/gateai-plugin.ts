import { definePlugin, Redactor } from '@genhub/provider';
import { GateAiApi } from './api/gateai-api.js';
import { describeCatalogue, loadCatalogue } from './catalogue/load-catalogue.js';
import { DefaultGateAiOptions, gateAiConfig } from './config.js';
import { createGateAiProvider } from './gateai-provider.js';
import { buildModel } from './models/build-model.js';
import { createMediaResolver } from './request/media-resolver.js';

/**
 * GenHub's GateAI plugin: every image, video and 3D model of GateAI's Core API, discovered at start
 * from `GET /v1/models/schema` (or, when that fails, from the copy of the documentation bundled
 * with the plugin), generated through `POST /api/generate` and polled at `GET /get/{task_id}`.
 * Configure it with `GENHUB_GATEAI_API_KEY` (and `GENHUB_GATEAI_BASE_URL` for a proxy).
 */
export const gateaiPlugin = definePlugin({
  id: 'gateai',
  name: 'GateAI',
  description: 'Image, video and 3D generation through GateAI Core API (core.claude.gg).',
  contract: 1,
  config: gateAiConfig,
  async setup(context, config) {
    const redactor = new Redactor([config.apiKey]);
    const http = context.http.withDefaults({
      baseUrl: config.baseUrl,
      headers: { authorization: `Bearer ${config.apiKey}` },
      secrets: [config.apiKey],
      provider: 'gateai',
    });
    const api = new GateAiApi(http, redactor);
    const logger = context.logger;
    const catalogue = await loadCatalogue({
      mode: config.catalogue,
      logger,
      discover: () =>
        api.modelsSchema(
          AbortSignal.any([context.signal, AbortSignal.timeout(DefaultGateAiOptions.discoveryTimeoutMs)]),
          DefaultGateAiOptions.discoveryTimeoutMs,
        ),
    });
    const note =
      catalogue.status.source === 'discovered'
        ? "Catalogue: live, from GateAI's /v1/models/schema"
        : `Catalogue: bundled copy of GateAI's documentation (${
            config.catalogue === 'bundled' ? 'GENHUB_GATEAI_CATALOGUE=bundled' : 'discovery failed at start'
          })`;
    const models = catalogue.models.map((wire) =>
      buildModel(wire, {
        catalogueNote: note,
        onIssue: (message, details) => logger.warn(message, details),
      }),
    );
    logger.info('GateAI catalogue ready', {
      source: catalogue.status.source,
      models: models.length,
      summary: describeCatalogue(catalogue.status),
    });
    return createGateAiProvider({
      api,
      models,
      catalogue: catalogue.status,
      resolver: createMediaResolver({
        api,
        // Inputs come from anywhere: fetch them without GateAI's Authorization header.
        http: context.http,
        maxBytes: DefaultGateAiOptions.maxInputBytes,
      }),
      clock: context.clock,
      logger,
      redactor,
      baseUrl: config.baseUrl,
      apiKey: config.apiKey,
    });
  },
});
