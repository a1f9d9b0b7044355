/**
 * Turns an error into a plain object a log line can carry: name, message, code and stack, plus the
 * GenHubError fields (status, provider, retryable) and the cause when present. Values are copied as
 * they are; redacting them is the caller's job (see `Redactor.redactValue`).
 */
export function serializeError(error: Error): Record<string, unknown> {
  const source = error as Error & Record<string, unknown>;
  const out: Record<string, unknown> = { name: error.name, message: error.message };
  for (const field of ['code', 'status', 'provider', 'retryable', 'retryAfterSeconds'] as const) {
    const value = source[field];
    if (value !== undefined) out[field] = value;
  }
  if (error.stack !== undefined) out.stack = error.stack;
  if (error.cause !== undefined) out.cause = error.cause;
  return out;
}
