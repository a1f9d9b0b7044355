import { lenient, nonBlank, type ProviderHealth } from '@genhub/provider';
import { z } from 'zod';

const DOWN = new Set(['unhealthy', 'down', 'error', 'unavailable', 'offline', 'failed']);
const UP_VALUES = new Set(['available', 'healthy', 'ok', 'up', 'ready', 'online', 'connected']);

/** Whether a reported connection or endpoint is up: a flag, a word, or an object saying either. */
const available = z
  .union([
    z.boolean(),
    z.string().transform((word) => UP_VALUES.has(word.trim().toLowerCase())),
    z
      .looseObject({
        available: lenient(z.boolean()),
        healthy: lenient(z.boolean()),
        status: lenient(nonBlank),
      })
      .transform(
        (value) =>
          value.available ??
          value.healthy ??
          (value.status === undefined || UP_VALUES.has(value.status.toLowerCase())),
      ),
  ])
  .catch(true);

const text = lenient(nonBlank);
const endpoints = lenient(z.record(z.string(), available));

/** What `GET /health` may say: an overall status, the RunPod connection, GPU endpoints. */
const healthBody = lenient(
  z.object({
    status: text,
    detail: text,
    message: text,
    runpod_connected: z.unknown().optional(),
    runpod: z.unknown().optional(),
    runpod_status: z.unknown().optional(),
    gpu_endpoints: endpoints,
    endpoints,
  }),
);

/**
 * Reads `GET /health`, documented only as "GPU endpoint availability and RunPod connection status":
 * down on a non-2xx answer, a `status` such as `unhealthy`, or a RunPod connection reported false;
 * up otherwise, naming any GPU endpoint reported unavailable.
 */
export function readHealth(status: number, answer: unknown): ProviderHealth {
  const body = healthBody.parse(answer);
  if (status < 200 || status >= 300) {
    const said = body?.detail ?? body?.message ?? body?.status;
    return { ok: false, message: `AINative health check answered HTTP ${status}${said ? `: ${said}` : ''}.` };
  }
  if (body === undefined) return { ok: true, message: 'AINative multimodal answered its health check.' };
  const overall = body.status?.toLowerCase();
  const runpod = body.runpod_connected ?? body.runpod ?? body.runpod_status;
  const unavailable = Object.entries(body.gpu_endpoints ?? body.endpoints ?? {})
    .filter(([, up]) => !up)
    .map(([name]) => name);
  const notes = unavailable.length === 0 ? '' : ` Unavailable GPU endpoints: ${unavailable.join(', ')}.`;
  if (overall !== undefined && DOWN.has(overall)) {
    return { ok: false, message: `AINative multimodal reports itself ${overall}.${notes}` };
  }
  if (runpod !== undefined && !available.parse(runpod)) {
    return { ok: false, message: `AINative multimodal has lost its RunPod connection.${notes}` };
  }
  return { ok: true, message: `AINative multimodal is ${overall ?? 'up'}.${notes}` };
}
