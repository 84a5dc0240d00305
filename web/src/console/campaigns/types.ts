/**
 * The campaign shapes the console reads (see /api/docs: Campaign, CampaignSummary, OwnerErrors,
 * CampaignDashboard). Kept by hand beside the server's zod schemas in src/campaigns/ and
 * src/dashboard/; only the fields these pages use.
 */
export const CAMPAIGN_STATUSES = ['draft', 'running', 'paused', 'stopped', 'complete'] as const;
export const DIALING_MODES = ['preview', 'agent_owned_preview', 'progressive', 'power', 'predictive'] as const;
export const SYSTEM_RESULTS = ['busy', 'no_answer', 'fax', 'machine', 'bad_number', 'abandoned', 'failed'] as const;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const OWNER_PROBLEMS = ['unknown_owner', 'not_in_queue', 'owner_disabled'] as const;

export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export type DialingMode = (typeof DIALING_MODES)[number];
export type SystemResult = (typeof SYSTEM_RESULTS)[number];
export type Weekday = (typeof WEEKDAYS)[number];
export type OwnerProblem = (typeof OWNER_PROBLEMS)[number];
export type LifecycleAction = 'start' | 'pause' | 'stop' | 'recycle';

export interface CampaignSummary {
  id: number;
  name: string;
  mode: DialingMode;
  status: CampaignStatus;
  queueId: number;
  queueName: string;
  ownerColumn?: string | null;
  listCount?: number;
  canEdit?: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface TimeWindow {
  start: string;
  end: string;
}
/** A day nobody is called (L5): every contact, or only those of one country (ISO 3166, the record's region). */
export interface Holiday {
  date: string;
  country?: string;
  name?: string;
}
/** L5: when contacts may be called — weekly windows in the contact's own zone, holidays, the zone of records without one. */
export interface ContactableTimes {
  weekly: Record<Weekday, TimeWindow[]>;
  holidays: Holiday[];
  defaultTimeZone: string;
}
export type RetryRule = { action: 'final' } | { action: 'retry'; delayMinutes: number; maxRetries: number };
export interface PreviewSettings {
  autoAccept: boolean;
  reviewTimeoutSeconds: number | null;
  skipAllowed: boolean;
  maxSkipsPerRecord: number | null;
}
export interface CallGuide {
  questions: Array<{ id: string; text: string; answers: Array<{ id: string; text: string; next: string | null }> }>;
}

export interface Campaign {
  id: number;
  name: string;
  mode: DialingMode;
  queueId: number;
  queueName: string;
  ownerColumn: string | null;
  status: CampaignStatus;
  lists: Array<{ id: number; name: string; position: number }>;
  dncLists: Array<{ id: number; name: string }>;
  callerId: string | null;
  regulatoryProfile: 'us' | 'uk' | 'none';
  linesPerAgent: number | null;
  abandonTarget: number | null;
  abandonWindow: 'us' | 'uk' | null;
  contactableTimes: ContactableTimes;
  retryRules: { results: Record<SystemResult, RetryRule>; maxAttemptsPerRecord: number; maxAttemptsPerNumberPerDay: number };
  wrapUpCodes: Array<{ code: string; label: string; outcome: string; retryAfterMinutes: number | null; shortcut: string | null; system: boolean }>;
  previewCompleteCode: string | null;
  callGuide: CallGuide | null;
  screenPopFields: string[];
  sortOrder: Array<{ column: string; direction: 'asc' | 'desc'; compareAs: 'text' | 'number' | 'date' }>;
  ordering: 'sort' | 'answer_likelihood';
  preview: PreviewSettings | null;
  wrapUpTimeoutSeconds: number | null;
  abandonMessage: string | null;
  amd: { onMachine: 'hang_up_retry' | 'leave_message' | 'pass_to_agent'; message: string | null } | null;
  lockedFields: Array<'mode' | 'queueId' | 'ownerColumn'>;
  allowedActions: Array<LifecycleAction | 'complete'>;
  canEdit: boolean;
  statusChangedAt: string | null;
  firstStartedAt: string | null;
  recycleCount: number;
  lastRecycledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What PATCH /api/campaigns/{id} takes: any subset of the settings; each field sent replaces the stored one. */
export type CampaignPatch = Partial<Omit<Campaign, 'id' | 'queueName' | 'status' | 'lists' | 'dncLists' | 'lockedFields' | 'allowedActions' | 'canEdit' | 'statusChangedAt' | 'firstStartedAt' | 'recycleCount' | 'lastRecycledAt' | 'createdAt' | 'updatedAt'>>;

export interface OwnerErrors {
  ownerColumn: string;
  maxOwners: number;
  owningAgents: number;
  counts: { ownedRecords: number; unownedRecords: number; deliverableRecords: number; errorRecords: number; byProblem: Record<OwnerProblem, number> };
  owners: { items: Array<{ ownerRef: string; records: number; userId: number | null; displayName: string | null; problem: OwnerProblem | null }>; total: number; truncated: boolean };
  records: Page<{ recordId: number; listId: number; rowNumber: number; name: string | null; ownerRef: string; problem: OwnerProblem }>;
}

export interface OwnerProgress {
  userId: number;
  name: string;
  owned: number;
  done: number;
  skipped: number;
  remaining: number;
  errors: number;
}

export interface CampaignBoard {
  id: number;
  progress: { total: number; done: number; remaining: number; setAside: number; inProgress: number; penetrationPercent: number | null };
  owners: OwnerProgress[] | null;
}
