/** What a redacted value is replaced by. */
export const REDACTED = '[REDACTED]';

/**
 * The text shapes every Redactor removes, whatever secrets it was given. Each pattern is global;
 * `String.prototype.replace` resets `lastIndex`, so sharing them is safe.
 */
export const DefaultRedactPatterns = {
  /** `Bearer <token>` in any text, any case: the token is replaced. */
  bearer: /\b(bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi,
  /**
   * `Basic <credentials>` in any text, any case. To spare prose such as "basic usage", a purely
   * lower-case word after it is left alone; base64 credentials almost always mix cases or digits.
   */
  basic: /\b([Bb][Aa][Ss][Ii][Cc])\s+(?![a-z]+\b)[A-Za-z0-9+/]{4,}={0,2}/g,
  /**
   * URL query parameters that carry credentials (`?key=…`, `&access_token=…`, `X-Amz-Signature=…`),
   * any case. A name matches when it is one of these, or ends with `_`/`-` and one of them other
   * than a bare `key` (so `sort_key` stays readable).
   */
  queryParam:
    /([?&](?:key|api_key|apikey|token|access_token|secret|signature|password|[\w.-]*[-_](?:api_?key|token|secret|signature|password))=)[^&#\s"'<>]*/gi,
  /** `x-api-key: …` / `api-key=…` written into text, as in a dumped header line. */
  apiKeyHeader: /\b((?:x-)?api-key\s*[:=]\s*)[^\s,;"'&]+/gi,
  /** String values of credential fields in JSON text, such as a provider echoing `"api_key": "…"`. */
  jsonField:
    /("(?:[\w-]*[-_])?(?:api[-_]?key|token|access_token|secret|password|authorization)"\s*:\s*")(?:[^"\\]|\\.)*"/gi,
  /** `sk-…` API keys (OpenAI, Anthropic and their many imitators). */
  skKey: /\bsk-[A-Za-z0-9_-]{16,}/g,
} as const;

/**
 * Object keys whose values are always hidden, compared case-insensitively with `-` and `_` removed.
 * A key also matches when it ends with one of these (`accessToken`, `client_secret`, `proxy-authorization`).
 */
export const SecretFieldNames = [
  'authorization',
  'x-api-key',
  'api-key',
  'apiKey',
  'token',
  'secret',
  'password',
  'credential',
  'privateKey',
  'secretKey',
  'accessKey',
  'cookie',
  'set-cookie',
] as const;
