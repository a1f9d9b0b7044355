/**
 * How long to wait before the next poll: the provider's hint when it gives one, else a backoff that
 * grows by half each poll; both kept within [initialMs, maxMs].
 */
export function pollDelay(
  attempt: number,
  hintMs: number | undefined,
  initialMs: number,
  maxMs: number,
): number {
  const backoff = initialMs * 1.5 ** Math.max(0, attempt);
  const wanted = hintMs !== undefined && Number.isFinite(hintMs) && hintMs > 0 ? hintMs : backoff;
  return Math.round(Math.min(maxMs, Math.max(initialMs, wanted)));
}
