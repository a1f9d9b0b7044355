// @genhub/plugin-imarouter: the imarouter.com API as a GenHub provider plugin.

export { catalogue } from './catalogue.js';
// Less often needed
export type { ImaModel, ImaRequest, PollRoute } from './ima-request.js';
export { POLL_ROUTES } from './ima-request.js';
// The plugin
export type { ImarouterConfig } from './imarouter-config.js';
export { ImarouterDefaults, imarouterConfigSchema } from './imarouter-config.js';
export type { ImarouterProvider, ImarouterTaskData } from './imarouter-plugin.js';
export { imarouterPlugin, imarouterPlugin as default, isImarouterProvider } from './imarouter-plugin.js';
// Midjourney follow-ups (buttons)
export type { MidjourneyAction, MidjourneyButton, MidjourneyResult } from './midjourney-actions.js';
export {
  MIDJOURNEY_MODEL,
  midjourneyAction,
  midjourneyFollowUp,
  midjourneyResultOf,
  supportedButtons,
} from './midjourney-actions.js';
// Portrait assets (a person's likeness for Seedance)
export type {
  Asset,
  AssetGroup,
  AssetModel,
  AssetPage,
  AssetQuota,
  AssetType,
  ImarouterAssets,
  ListOptions,
} from './portrait-assets.js';
export { ASSET_MODELS, assetModelFor, assetUri, createImarouterAssets } from './portrait-assets.js';
export { readCreated, readPollResult, taskState } from './task-results.js';
