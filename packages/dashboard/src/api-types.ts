/*
 * The JSON the dashboard's data endpoints answer with: shared by the server routes and the page's
 * script, so both sides agree on one shape. Amounts are integer micro-dollars.
 */

export interface JobSummary {
  id: string;
  createdAt: number;
  userId: string;
  communityId: string | null;
  task: string;
  model: string;
  provider: string;
  state: string;
  /** What was charged when finished, else what is held. */
  costMicros: number;
  prompt: string | null;
}

export interface JobList {
  items: JobSummary[];
  nextCursor: string | null;
}

export interface JobOutput {
  id: string;
  mediaType: string;
  bytes: number;
  role: 'primary' | 'preview';
  /** A signed link to the file, relative to the dashboard's origin. */
  url: string;
}

export interface TimelineStep {
  at: number;
  what: string;
}

export interface JobDetail extends JobSummary {
  requestedModel: string;
  route: string[];
  params: Record<string, unknown>;
  warnings: string[];
  reservedMicros: number;
  chargedMicros: number | null;
  payer: string;
  error: string | null;
  progress: string | null;
  timeline: TimelineStep[];
  outputs: JobOutput[];
}

export interface SpendPoint {
  day: string;
  provider: string;
  task: string;
  community: string;
  micros: number;
}

export interface BalanceRow {
  kind: 'user' | 'community';
  id: string;
  availableMicros: number;
  reservedMicros: number;
}

export interface SpendReport {
  since: string;
  points: SpendPoint[];
  balances: BalanceRow[];
}

export interface ProviderStatus {
  id: string;
  name: string;
  state: 'ready' | 'unconfigured' | 'failed';
  models: number;
  healthy: boolean | null;
  message: string | null;
  /** The provider's own balance with it, when it reports one. */
  balance: string | null;
  /** How long the health check took. */
  latencyMs: number | null;
  checkedAt: number;
}

export interface GrantRequest {
  kind: 'user' | 'community';
  id: string;
  /** Positive grants, negative takes back. */
  usd: number;
  note?: string;
}

export interface BlockRequest {
  userId: string;
  /** A community id, or null for the whole installation. */
  community: string | null;
  blocked: boolean;
  reason?: string;
}

export interface ActionResult {
  ok: boolean;
  message: string;
  balance?: BalanceRow;
}

/** One entry of the audit log (core's AuditEntry). */
export interface AuditRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  community: string | null;
  target: string | null;
  detail: string | null;
}

/** A server-sent event on `/api/events`. */
export type DashboardEvent =
  | { type: 'providers'; providers: ProviderStatus[] }
  | { type: 'job'; job: JobSummary };

/** The actor written to the ledger note and the audit log for changes made from the dashboard. */
export const DASHBOARD_ACTOR = 'operator:dashboard';
