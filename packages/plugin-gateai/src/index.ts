// @genhub/plugin-gateai: GateAI's image, video and 3D models for GenHub.

export { DOCUMENT_CATALOGUE } from './catalogue/document-catalogue.js';
export type { CatalogueStatus } from './catalogue/load-catalogue.js';
export type { WireModel, WireModelType, WireParam } from './catalogue/wire-model.js';
export type { GateAiConfig } from './config.js';
export { DefaultGateAiOptions, gateAiConfig } from './config.js';
export { gateaiPlugin } from './gateai-plugin.js';
export type { GateAiProvider, RemoteEstimate } from './gateai-provider.js';
export { isGateAiProvider } from './gateai-provider.js';
export { GateAiTimeouts } from './models/build-model.js';
export { GateAiLimits } from './models/param-schema.js';
