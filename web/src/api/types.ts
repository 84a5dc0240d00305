/**
 * The shapes the desktop reads from the Pacer API (see /api/docs: User, AgentState,
 * CampaignSummary). Kept by hand beside the server's zod schemas (src/agents/agent-schemas.ts).
 */
export type Locale = 'en' | 'ja' | 'pl';

export interface User {
  id: number;
  email: string;
  userCode: string;
  displayName: string;
  role: 'admin' | 'supervisor' | 'agent';
  locale: string;
  timeZone: string;
}

export interface Phone {
  number: string;
  type: string;
  column: string;
  recommended: boolean;
  allowed: boolean;
  reason: string | null;
  message: string | null;
  nextAllowedAt: string | null;
}

export interface WrapUpCode {
  code: string;
  label: string;
  outcome: string;
  shortcut: string | null;
}

export interface Work {
  campaignId: number;
  campaignName: string;
  mode: string;
  recordId: number;
  callbackId: number | null;
  callback: { phone: string; windowStart: string; windowEnd: string; timeZone: string; notes: string } | null;
  name: string | null;
  phoneticName: string | null;
  timeZone: string | null;
  region: string | null;
  phones: Phone[];
  screenPop: Record<string, string>;
  attempts: number;
  attemptLimits: { perRecord: number | null; perNumberPerDay: number | null };
  resultCounts: Record<string, number>;
  skips: number;
  call: { id: string; number: string; status: string } | null;
  lastResult: string | null;
  reviewDeadline: string | null;
  wrapUpDeadline: string | null;
  wrapUpCodes: WrapUpCode[];
  previewCompleteCode: string | null;
  callGuide: unknown;
}

export interface AgentMessage {
  kind: string;
  text: string;
  displaySeconds: number | null;
  at: string;
}

export interface HistoryItem {
  attemptId: string;
  number: string | null;
  agentId: number | null;
  queuedAt: string;
  connectedAt: string | null;
  endedAt: string | null;
  result: string | null;
  wrapUpCode: string | null;
  notes: string | null;
}

export interface AgentView {
  userId: number;
  /** logged_out, not_ready, ready, reserved.offered, reserved.previewing, on_call.dialing|ringing|amd|active|held, wrap_up */
  state: string;
  status: string;
  reason: string | null;
  notReadyAfter: string | null;
  since: string;
  campaigns: Array<{ id: number; name: string; mode: string; dialing: boolean }>;
  work: Work | null;
  lines: Array<{ campaignId: number; callId: string; number: string; status: string }>;
  messages: AgentMessage[];
  /** Only in the REST answer of GET /api/agent/state (P2). */
  history?: HistoryItem[];
  /** Grows with each view the server builds: a lower one is older than the view shown. */
  revision: number;
}

export interface CampaignSummary {
  id: number;
  name: string;
  mode: string;
  status: string;
  queueId: number;
  queueName: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** Events on GET /api/agent/events (src/dialer/event-hub.ts). */
export type AgentEvent =
  | { type: 'agent.state'; state: AgentView }
  | { type: 'offer'; campaignId: number; recordId: number; name: string | null; campaignName: string; autoAccept: boolean }
  | { type: 'offer.withdrawn'; campaignId: number; recordId: number; reason: string }
  | { type: 'call'; campaignId: number; recordId: number; callId: string; number: string; status: string; result: string | null; line: boolean }
  | { type: 'message'; kind: string; text: string; displaySeconds: number | null; at: string };

/** A callback as the callback routes answer it (src/callbacks/callback-view.ts, C3). */
export interface CallbackItem {
  id: number;
  /** overdue, due, approaching, or null (as of the server's clock) */
  alert: 'overdue' | 'due' | 'approaching' | null;
  /** pending, delivered, done, cancelled */
  status: string;
  windowStart: string;
  windowEnd: string;
  timeZone: string;
  campaignId: number;
  campaignName: string;
  recordId: number;
  name: string | null;
  phoneticName: string | null;
  phone: string;
  assigneeId: number | null;
  notes: string;
}

/** GET /api/agent/callbacks/today (C5, src/callbacks/list-my-callbacks-today.ts). */
export interface MyCallbacksToday {
  date: string;
  timeZone: string;
  from: string;
  to: string;
  items: CallbackItem[];
}
