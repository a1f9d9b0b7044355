import { z } from 'zod';

/**
 * Read from GENHUB_COMFYUI_BASE_URL, GENHUB_COMFYUI_TOKEN and GENHUB_COMFYUI_WORKFLOWS_DIR, or from
 * `providers.comfyui` in genhub.config.json. The base URL is the server's origin, where ComfyUI's own
 * paths (`/prompt`, `/history`, `/ws`) start.
 */
export const comfyuiSettings = z.object({
  /** Required, so GenHub starts the plugin only where a ComfyUI is configured (usually http://127.0.0.1:8188). */
  baseUrl: z.url(),
  /** Sent as `Authorization: Bearer <token>`, for a ComfyUI behind an authenticating proxy. */
  token: z.string().min(1).optional(),
  /** The operator's folder of workflows: `<name>.json` (API format) beside `<name>.mapping.json`. */
  workflowsDir: z.string().min(1).optional(),
});

export type ComfyuiSettings = z.output<typeof comfyuiSettings>;
