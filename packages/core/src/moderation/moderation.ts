/** One thing someone did to keep a community safe, as the audit log keeps it. */
export interface AuditEntry {
  id: number;
  /** Milliseconds since the epoch, from the store's clock. */
  at: number;
  /** Who did it: 'discord:123', 'telegram:456', 'operator:dashboard', 'operator:cli'. */
  actor: string;
  /** 'block' | 'unblock' | 'grant' | 'delete-result' | 'report' | 'set-safety' | 'set-blocklist' | 'prompt-refused' | ... */
  action: string;
  /** The community id (as chat uses it), null for the whole installation. */
  community: string | null;
  /** A user id ('discord:789') or a job id. */
  target: string | null;
  /** Short free text (a reason, an amount), never a secret. */
  detail: string | null;
}

export interface AuditLogQuery {
  /** Only this community's entries; null for installation-wide ones only; absent for all. */
  community?: string | null;
  /** At most this many (default 20, at most 200). */
  limit?: number;
  /** Only entries older than this entry id, for the next page. */
  before?: number;
}

export interface BlockRequest {
  actor: string;
  userId: string;
  /** The community the user is blocked in; null for the whole installation. */
  community: string | null;
  reason?: string;
}

/** The audit log and user blocks, kept in the store. */
export interface Moderation {
  record(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<AuditEntry>;
  /** Newest first. */
  log(query?: AuditLogQuery): Promise<AuditEntry[]>;
  /** Blocks the user (again is harmless) and records 'block'. */
  block(request: BlockRequest): Promise<void>;
  /** Lifts a block (none is harmless) and records 'unblock'. */
  unblock(request: Omit<BlockRequest, 'reason'>): Promise<void>;
  /** True if the user is blocked in that community or installation-wide. */
  isBlocked(userId: string, community: string | null): Promise<boolean>;
}

/** What a blocked user is told. */
export const BLOCKED_USER_SENTENCE =
  'You are blocked from generating here; ask this community’s admins if you think this is a mistake.';
