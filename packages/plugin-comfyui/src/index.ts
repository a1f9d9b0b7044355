export { comfyuiPlugin, comfyuiPlugin as default } from './comfyui-plugin.js';
export type { ComfyuiSettings } from './config.js';
export type { WorkflowMapping } from './workflow/workflow-mapping.js';
