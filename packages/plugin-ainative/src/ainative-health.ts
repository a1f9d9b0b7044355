import type { ProviderHealth } from '@genhub/provider';
import { isObject, type Json, str } from './ainative-wire.js';

const DOWN = new Set(['unhealthy', 'down', 'error', 'unavailable', 'offline', 'failed']);
const UP_VALUES = new Set(['available', 'healthy', 'ok', 'up', 'ready', 'online', 'connected']);

function available(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return UP_VALUES.has(value.trim().toLowerCase());
  if (isObject(value)) {
    if (typeof value.available === 'boolean') return value.available;
    if (typeof value.healthy === 'boolean') return value.healthy;
    const status = str(value, 'status');
    return status === undefined || UP_VALUES.has(status.toLowerCase());
  }
  return true;
}

/**
 * Reads `GET /health`, documented only as "GPU endpoint availability and RunPod connection status":
 * down on a non-2xx answer, a `status` such as `unhealthy`, or a RunPod connection reported false;
 * up otherwise, naming any GPU endpoint reported unavailable.
 */
export function readHealth(status: number, body: Json | undefined): ProviderHealth {
  if (status < 200 || status >= 300) {
    const said = body === undefined ? undefined : (str(body, 'detail', 'message', 'status') ?? undefined);
    return { ok: false, message: `AINative health check answered HTTP ${status}${said ? `: ${said}` : ''}.` };
  }
  if (body === undefined) return { ok: true, message: 'AINative multimodal answered its health check.' };
  const overall = str(body, 'status')?.toLowerCase();
  const runpod = body.runpod_connected ?? body.runpod ?? body.runpod_status;
  const endpoints = [body.gpu_endpoints, body.endpoints].find(isObject) ?? {};
  const unavailable = Object.entries(endpoints)
    .filter(([, value]) => !available(value))
    .map(([name]) => name);
  const notes = unavailable.length === 0 ? '' : ` Unavailable GPU endpoints: ${unavailable.join(', ')}.`;
  if (overall !== undefined && DOWN.has(overall)) {
    return { ok: false, message: `AINative multimodal reports itself ${overall}.${notes}` };
  }
  if (runpod !== undefined && !available(runpod)) {
    return { ok: false, message: `AINative multimodal has lost its RunPod connection.${notes}` };
  }
  return { ok: true, message: `AINative multimodal is ${overall ?? 'up'}.${notes}` };
}
