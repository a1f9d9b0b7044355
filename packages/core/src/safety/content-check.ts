import type { ModerationVerdict, Provider } from '@genhub/provider';
import { GenHubError } from '@genhub/provider';
import { textValues } from './blocked-terms.js';

/** What a user is told when the content check flags a request: it names no category. */
export const FLAGGED_PROMPT_SENTENCE =
  'That request did not pass this bot’s content check; rephrase it and try again.';

/** How long one check may take before the request is refused for now. */
const CHECK_TIMEOUT_MS = 15_000;
/** Texts recently checked (a quote, then its request), so the provider is asked once. */
const MAX_REMEMBERED = 500;

/**
 * The operator's chosen content check (`safety.moderationProvider`): every text of a request goes
 * to that provider's `moderate` before a price is shown. It fails closed: when the provider cannot
 * answer, the request is refused for now (PROVIDER_UNAVAILABLE), never let through unchecked.
 */
export class ContentCheck {
  readonly #remembered = new Map<string, ModerationVerdict>();

  constructor(
    readonly providerId: string,
    private readonly moderate: NonNullable<Provider['moderate']>,
  ) {}

  /** The verdict on the request's texts; not flagged when it holds none. */
  async check(params: Readonly<Record<string, unknown>>): Promise<ModerationVerdict> {
    const text = textValues(params).join('\n').trim();
    if (text === '') return { flagged: false, categories: [] };
    const known = this.#remembered.get(text);
    if (known) return known;
    let verdict: ModerationVerdict;
    try {
      verdict = await this.moderate(text, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    } catch (error) {
      throw new GenHubError(
        'PROVIDER_UNAVAILABLE',
        'The content check is not answering right now; try again in a minute.',
        { retryable: true, cause: error, details: { reason: 'content-check', provider: this.providerId } },
      );
    }
    if (this.#remembered.size >= MAX_REMEMBERED) this.#remembered.clear();
    this.#remembered.set(text, verdict);
    return verdict;
  }
}
