import { GenHubError } from '@genhub/provider';
import type { Moderation } from '../moderation/moderation.js';
import type { RecordStore } from '../store/record-store.js';
import { type BlockedTerms, compileBlockedTerms } from './blocked-terms.js';

/** How large a community's blocklist may grow. */
export const CommunityBlocklistLimits = {
  maxEntries: 200,
  maxEntryChars: 60,
} as const;

const NAMESPACE = 'safety.community-blocklist';
/** Compiled lists kept per community, recompiled when the stored list changes. */
const MAX_CACHED = 1000;

export interface BlocklistChange {
  /** Who changes it ('discord:123'); recorded in the audit log. */
  actor: string;
  community: string;
  entries: readonly string[];
}

/**
 * Each community's own blocklist, set by its admins and kept in the store's records: words and
 * phrases with the `*` wildcard at either end, never regular expressions (see `compileBlockedTerms`).
 * Every change is recorded in the audit log as 'set-blocklist'.
 */
export class CommunityBlocklists {
  readonly #compiled = new Map<string, { key: string; terms: BlockedTerms }>();

  constructor(
    private readonly records: RecordStore,
    private readonly moderation: Moderation,
  ) {}

  /** The community's entries, in the order they were added. */
  async list(community: string): Promise<string[]> {
    const stored = await this.records.get(NAMESPACE, community);
    return Array.isArray(stored) ? stored.filter((entry): entry is string => typeof entry === 'string') : [];
  }

  /** Adds entries (ones already there are left as they are); returns the list. */
  async add(change: BlocklistChange): Promise<string[]> {
    const given = change.entries.map(normalizeEntry).filter((entry) => entry !== '');
    const tooLong = given.find((entry) => entry.length > CommunityBlocklistLimits.maxEntryChars);
    if (tooLong !== undefined)
      throw refuse(`An entry is at most ${CommunityBlocklistLimits.maxEntryChars} characters.`);
    if (given.length === 0) throw refuse('Give the word or phrase to block.');
    const current = await this.list(change.community);
    const added = given.filter((entry, i) => !current.includes(entry) && given.indexOf(entry) === i);
    const next = [...current, ...added];
    if (next.length > CommunityBlocklistLimits.maxEntries)
      throw refuse(`A community's blocklist holds at most ${CommunityBlocklistLimits.maxEntries} entries.`);
    if (added.length === 0) return current;
    await this.records.put(NAMESPACE, change.community, next);
    await this.#record(change, `added ${added.map((entry) => `"${entry}"`).join(', ')}`);
    return next;
  }

  /** Removes entries (ones not there are ignored); returns the list. */
  async remove(change: BlocklistChange): Promise<string[]> {
    const given = new Set(change.entries.map(normalizeEntry));
    const current = await this.list(change.community);
    const removed = current.filter((entry) => given.has(entry));
    if (removed.length === 0) return current;
    const next = current.filter((entry) => !given.has(entry));
    if (next.length === 0) await this.records.delete(NAMESPACE, change.community);
    else await this.records.put(NAMESPACE, change.community, next);
    await this.#record(change, `removed ${removed.map((entry) => `"${entry}"`).join(', ')}`);
    return next;
  }

  /** The community's list, compiled (cached until the stored list changes). */
  async terms(community: string): Promise<BlockedTerms> {
    const entries = await this.list(community);
    const key = JSON.stringify(entries);
    const cached = this.#compiled.get(community);
    if (cached?.key === key) return cached.terms;
    const terms = compileBlockedTerms(entries, { regex: false });
    if (this.#compiled.size >= MAX_CACHED) this.#compiled.clear();
    this.#compiled.set(community, { key, terms });
    return terms;
  }

  async #record(change: BlocklistChange, detail: string): Promise<void> {
    await this.moderation.record({
      actor: change.actor,
      action: 'set-blocklist',
      community: change.community,
      target: null,
      detail,
    });
  }
}

/** Entries are compared as typed, trimmed, with inner runs of spaces made one. */
function normalizeEntry(entry: string): string {
  return entry.trim().replace(/\s+/g, ' ');
}

function refuse(sentence: string): GenHubError {
  return new GenHubError('INVALID_INPUT', sentence, { details: { param: 'entry' } });
}
