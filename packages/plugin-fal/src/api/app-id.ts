/**
 * A fal app id, `owner/alias` with an optional sub-path (`fal-ai/pika/v2.2/text-to-video`) and an
 * optional namespace in front (`workflows/owner/alias`, `comfy/owner/alias`).
 */
const NAMESPACES = ['workflows', 'comfy'];

/**
 * The part of an app id that fal's follow-up URLs (status, result, cancel) start with: the app
 * without its sub-path, as fal-js's `parseEndpointId` builds them. Submitting goes to the full id.
 */
export function queueAppPath(appId: string): string {
  const parts = appId.split('/');
  const namespaced = NAMESPACES.includes(parts[0] ?? '');
  const keep = namespaced ? 3 : 2;
  return parts.slice(0, keep).join('/');
}

/** Whether a string is a fal app id: at least `owner/alias`, in URL-safe segments. */
export function isAppId(value: string): boolean {
  return /^[\w.-]+(\/[\w.-]+)+$/.test(value);
}
