import { DefaultRedactPatterns, REDACTED, SecretFieldNames } from './redact-patterns.js';
import { serializeError } from './serialize-error.js';

export { DefaultRedactPatterns, REDACTED, SecretFieldNames } from './redact-patterns.js';

/** Secrets shorter than this are ignored: replacing every "abc" in every log line helps no one. */
const MIN_SECRET_LENGTH = 6;
/** Deeper nesting than this is cut off in `redactValue`, to keep log lines bounded. */
const MAX_DEPTH = 12;

const secretFieldNames = SecretFieldNames.map(normaliseKey);

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

/** True for object keys whose values must never be shown, such as `authorization` or `apiKey`. */
export function isSecretKey(key: string): boolean {
  const normalised = normaliseKey(key);
  return secretFieldNames.some((name) => normalised.endsWith(name));
}

/**
 * Removes secrets from text and values before they reach a log line or an error message. It knows
 * the secret values it was given (`add`) and the shapes of common credentials
 * (`DefaultRedactPatterns`), and it hides the values of secret-looking object keys.
 */
export class Redactor {
  readonly #parent: Redactor | undefined;
  readonly #own = new Set<string>();
  #version = 0;
  #cached: { generation: number; secrets: readonly string[] } | undefined;

  constructor(secrets: Iterable<string> = [], parent?: Redactor) {
    this.#parent = parent;
    this.add(...secrets);
  }

  /**
   * Remembers secret values to hide. Values shorter than 6 characters are ignored. Each value's
   * URL-encoded form is hidden too, since secrets often travel in query strings.
   */
  add(...secrets: readonly (string | undefined)[]): this {
    for (const secret of secrets) {
      if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
      this.#own.add(secret);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) this.#own.add(encoded);
      this.#version += 1;
    }
    return this;
  }

  /**
   * A new Redactor that hides everything this one hides (including secrets added here later) plus
   * `secrets`. Adding to the new one leaves this one untouched.
   */
  extend(...secrets: readonly (string | undefined)[]): Redactor {
    const child = new Redactor([], this);
    child.add(...secrets);
    return child;
  }

  /** Replaces every known secret and every credential-shaped pattern in `text` with `[REDACTED]`. */
  redact(text: string): string {
    let out = text;
    for (const secret of this.#secrets()) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    out = out.replace(DefaultRedactPatterns.bearer, `$1 ${REDACTED}`);
    out = out.replace(DefaultRedactPatterns.basic, `$1 ${REDACTED}`);
    out = out.replace(DefaultRedactPatterns.queryParam, `$1${REDACTED}`);
    out = out.replace(DefaultRedactPatterns.apiKeyHeader, `$1${REDACTED}`);
    out = out.replace(DefaultRedactPatterns.jsonField, `$1${REDACTED}"`);
    out = out.replace(DefaultRedactPatterns.skKey, REDACTED);
    return out;
  }

  /**
   * A deep copy of `value` that is safe to log: every string is redacted, values under secret-looking
   * keys become `[REDACTED]`, errors become plain objects, and cycles become `[Circular]`.
   */
  redactValue(value: unknown): unknown {
    return this.#walk(value, new Set(), 0);
  }

  #walk(value: unknown, ancestors: Set<object>, depth: number): unknown {
    switch (typeof value) {
      case 'string':
        return this.redact(value);
      case 'bigint':
        return value.toString();
      case 'symbol':
        return value.toString();
      case 'function':
        return `[Function ${value.name || 'anonymous'}]`;
      case 'object':
        return value === null ? null : this.#walkObject(value, ancestors, depth);
      default:
        return value;
    }
  }

  #walkObject(value: object, ancestors: Set<object>, depth: number): unknown {
    if (ancestors.has(value)) return '[Circular]';
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (value instanceof URL) return this.redact(value.href);
    if (ArrayBuffer.isView(value)) return `[${value.constructor.name} ${value.byteLength} bytes]`;
    if (value instanceof ArrayBuffer) return `[ArrayBuffer ${value.byteLength} bytes]`;
    if (depth >= MAX_DEPTH) return '[Truncated]';

    ancestors.add(value);
    try {
      if (Array.isArray(value)) return value.map((item) => this.#walk(item, ancestors, depth + 1));
      if (value instanceof Set) return [...value].map((item) => this.#walk(item, ancestors, depth + 1));
      const entries: Iterable<[unknown, unknown]> =
        value instanceof Map
          ? value.entries()
          : Object.entries(value instanceof Error ? serializeError(value) : value);
      const out: Record<string, unknown> = {};
      for (const [rawKey, item] of entries) {
        const key = typeof rawKey === 'string' ? rawKey : String(rawKey);
        out[key] =
          isSecretKey(key) && item !== undefined && item !== null
            ? REDACTED
            : this.#walk(item, ancestors, depth + 1);
      }
      return out;
    } finally {
      ancestors.delete(value);
    }
  }

  /** Own and inherited secrets, longest first so a secret containing another is hidden whole. */
  #secrets(): readonly string[] {
    const generation = this.#generation();
    if (this.#cached?.generation !== generation) {
      const all = new Set<string>(this.#parent === undefined ? [] : this.#parent.#secrets());
      for (const secret of this.#own) all.add(secret);
      this.#cached = { generation, secrets: [...all].sort((a, b) => b.length - a.length) };
    }
    return this.#cached.secrets;
  }

  #generation(): number {
    return this.#version + (this.#parent === undefined ? 0 : this.#parent.#generation());
  }
}
