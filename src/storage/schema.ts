import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Kysely's view of the tables created by src/storage/migrations. Keep the two in step. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | T, string | T>;

export type Role = 'admin' | 'supervisor' | 'agent';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  user_code: string;
  display_name: string;
  role: Role;
  password_hash: string | null;
  locale: Generated<string>;
  time_zone: Generated<string>;
  disabled: Generated<boolean>;
  /** 0012: the SIP URI of the agent's phone, where the SIP carrier bridges her calls. */
  sip_uri: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface QueuesTable {
  id: Generated<number>;
  name: string;
  created_at: Timestamp;
}

export interface QueueMembersTable {
  queue_id: number;
  user_id: number;
  added_at: Timestamp;
}

export interface ContactListsTable {
  id: Generated<number>;
  name: string;
  default_region: Generated<string>;
  default_time_zone: string | null;
  created_by: number | null;
  created_at: Timestamp;
  deleted_at: Timestamp | null;
}

export type ImportStatus = 'running' | 'committed' | 'failed';

export interface ListImportsTable {
  id: Generated<number>;
  list_id: number;
  status: ImportStatus;
  file_name: string | null;
  encoding: string | null;
  mapping: Json<Record<string, unknown>>;
  bytes_total: ColumnType<number | null, number | null | undefined, number | null>;
  bytes_read: Generated<number>;
  rows_read: Generated<number>;
  imported: Generated<number>;
  rejected: Generated<number>;
  duplicates: Generated<number>;
  /** 0002: records of the list this import replaced (same primary number; L2, O10). */
  replaced: Generated<number>;
  error: Json<Record<string, unknown> | null>;
  created_by: number | null;
  started_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface ListImportErrorsTable {
  import_id: number;
  row_number: number;
  column_name: string | null;
  value: string | null;
  reason: string;
}

export interface PhoneEntry {
  /** E.164, e.g. +81312345678 */
  number: string;
  /** The type label of the column it came from (mobile, home, work, …). */
  type: string;
  /** The column it came from. */
  column: string;
}

export type TimeZoneSource = 'column' | 'postal_code' | 'phone' | 'default';

export interface ContactRecordsTable {
  id: Generated<number>;
  list_id: number;
  import_id: number;
  row_number: number;
  name: string | null;
  phonetic_name: string | null;
  time_zone: string | null;
  time_zone_source: TimeZoneSource | null;
  postal_code: string | null;
  region: string | null;
  owner_ref: string | null;
  phones: Json<PhoneEntry[]>;
  custom: Json<Record<string, string>>;
}

export interface DncListsTable {
  id: Generated<number>;
  name: string;
  source: Generated<'internal' | 'imported'>;
  created_at: Timestamp;
  /** Kept in step by every change (migration 0003). */
  number_count: Generated<number>;
  updated_at: Timestamp;
}

/** One row: bumped by every DNC change, so each node can tell whether it is behind. */
export interface DncStateTable {
  id: Generated<boolean>;
  version: number;
}

export interface DncNumbersTable {
  list_id: number;
  number: number;
  added_at: Timestamp;
  added_by: number | null;
  reason: string | null;
}

export type DialingMode = 'preview' | 'agent_owned_preview' | 'progressive' | 'power' | 'predictive';
export type CampaignStatus = 'draft' | 'running' | 'paused' | 'stopped' | 'complete';

export interface CampaignsTable {
  id: Generated<number>;
  name: string;
  mode: DialingMode;
  queue_id: number;
  owner_column: string | null;
  status: Generated<CampaignStatus>;
  settings: Json<Record<string, unknown>>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  /** 0004: lifecycle bookkeeping (L8, L7). */
  status_changed_at: Timestamp | null;
  first_started_at: Timestamp | null;
  recycle_count: Generated<number>;
  last_recycled_at: Timestamp | null;
  updated_by: number | null;
}

export type CampaignAction = 'start' | 'pause' | 'stop' | 'recycle' | 'complete';

/** 0004: every lifecycle action taken on a campaign, with who and when. */
export interface CampaignStatusChangesTable {
  id: Generated<number>;
  campaign_id: number;
  action: CampaignAction;
  from_status: CampaignStatus;
  to_status: CampaignStatus;
  actor_id: number | null;
  at: Timestamp;
}

export interface CampaignListsTable {
  campaign_id: number;
  list_id: number;
  position: Generated<number>;
}

export interface CampaignDncListsTable {
  campaign_id: number;
  dnc_list_id: number;
}

export interface CampaignGrantsTable {
  campaign_id: number;
  user_id: number;
  granted_at: Timestamp;
}

export type TemplateKind = 'wrap_up_codes' | 'contactable_times';

/** A named wrap-up code set or contactable-time template (body: the campaign field's input shape). */
export interface SettingTemplatesTable {
  id: Generated<number>;
  kind: TemplateKind;
  name: string;
  body: Json<Record<string, unknown>>;
  created_at: Timestamp;
  created_by: number | null;
  updated_at: Timestamp;
  updated_by: number | null;
}

export type CallbackStatus = 'pending' | 'delivered' | 'done' | 'cancelled';

export interface CallbacksTable {
  id: Generated<number>;
  campaign_id: number;
  record_id: number;
  batch: string | null;
  dial_group: string | null;
  phone: string;
  window_start: Timestamp;
  window_end: Timestamp;
  time_zone: string;
  assignee_id: number | null;
  notes: Generated<string>;
  status: Generated<CallbackStatus>;
  created_at: Timestamp;
  created_by: number | null;
  updated_at: Timestamp;
  updated_by: number | null;
}

/** 0005: each record's dial state in one campaign (the record buffer reads these; issue 4 point 1). */
export type CampaignRecordStatus = 'pending' | 'in_progress' | 'callback' | 'done' | 'set_aside';

export interface CampaignRecordsTable {
  campaign_id: number;
  record_id: number;
  list_id: number;
  batch: number;
  status: CampaignRecordStatus;
  /** set_aside: why (O3 owner problems, compliance refusals); done: the final result or code. */
  reason: string | null;
  /** O1: the owning agent's user ID, or 0 when anyone in the queue may take it. */
  owner_id: Generated<number>;
  /** "time zone|country" of the contact; the buffer reads only zones open now. */
  zone_key: string;
  /** L3: the campaign's sort columns encoded so that byte order is the sort order. */
  sort_key: Buffer | Uint8Array;
  attempts: Generated<number>;
  skips: Generated<number>;
  result_counts: Json<Record<string, number>>;
  dead_numbers: Json<string[]>;
  next_attempt_at: Timestamp | null;
  last_result: string | null;
  last_attempt_at: Timestamp | null;
  claimed_by: string | null;
  claimed_at: Timestamp | null;
  updated_at: Timestamp;
}

/** 0009: a journal of record counts per (campaign, owner, status, skipped), kept by triggers; the count is sum(n). */
export interface CampaignRecordCountsTable {
  campaign_id: number;
  owner_id: number;
  status: CampaignRecordStatus;
  skipped: boolean;
  n: string | number;
}

export interface CampaignZonesTable {
  campaign_id: number;
  zone_key: string;
}

export interface CampaignBatchesTable {
  campaign_id: number;
  batch: number;
  started_at: Timestamp;
}

export interface CampaignSeededImportsTable {
  campaign_id: number;
  import_id: number;
  batch: number;
  seeded_at: Timestamp;
}

/** 0005: one outbound call (SPEC §1 "Attempt"), or a previewed record completed without a call (number null). */
export interface DialAttemptsTable {
  id: string;
  campaign_id: number;
  batch: number;
  record_id: number;
  callback_id: number | null;
  number_dialed: string | null;
  agent_id: number | null;
  origin: 'preview' | 'dialer';
  node_id: string;
  queued_at: Timestamp;
  dialed_at: Timestamp | null;
  ringing_at: Timestamp | null;
  answered_at: Timestamp | null;
  connected_at: Timestamp | null;
  ended_at: Timestamp | null;
  amd_decision: string | null;
  /** 0014: D6, when the person's greeting ended (AMD), where the 2 seconds to reach an agent start. */
  greeting_ended_at: Timestamp | null;
  system_result: string | null;
  ended_by: string | null;
  hold_ms: Generated<number>;
  wrap_up_code: string | null;
  wrap_up_outcome: string | null;
  notes: string | null;
  call_guide_answers: Json<unknown> | null;
  wrapped_up_at: Timestamp | null;
}

/** 0005: every agent state transition (SPEC §1), the source of agent reports. */
export interface AgentStateChangesTable {
  id: Generated<number>;
  user_id: number;
  from_state: string;
  to_state: string;
  event: string;
  reason: string | null;
  campaign_id: number | null;
  record_id: number | null;
  call_id: string | null;
  node_id: string;
  at: Timestamp;
}

/** 0010: a running node's heartbeat (deleted on shutdown). */
export interface DialerNodesTable {
  node_id: string;
  started_at: Timestamp;
  seen_at: Timestamp;
}

/** 0010: each logged-in agent's latest state and the node holding it (restored when that node is gone). */
export interface AgentSessionsTable {
  user_id: number;
  node_id: string;
  state: unknown;
  updated_at: Timestamp;
}

/** 0005: the engine process pacing a campaign (issue 4 point 14). */
export interface CampaignLeasesTable {
  campaign_id: number;
  holder: string;
  acquired_at: Timestamp;
  expires_at: Timestamp;
}

/** 0013: recorded messages (D5, D6): 8 kHz mono 16-bit PCM. */
export interface RecordingsTable {
  id: Generated<number>;
  name: string;
  pcm: Buffer;
  duration_ms: number;
  created_at: Timestamp;
  created_by: number | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  queues: QueuesTable;
  queue_members: QueueMembersTable;
  contact_lists: ContactListsTable;
  list_imports: ListImportsTable;
  list_import_errors: ListImportErrorsTable;
  contact_records: ContactRecordsTable;
  dnc_lists: DncListsTable;
  dnc_numbers: DncNumbersTable;
  dnc_state: DncStateTable;
  campaigns: CampaignsTable;
  campaign_lists: CampaignListsTable;
  campaign_dnc_lists: CampaignDncListsTable;
  campaign_grants: CampaignGrantsTable;
  setting_templates: SettingTemplatesTable;
  campaign_status_changes: CampaignStatusChangesTable;
  callbacks: CallbacksTable;
  campaign_records: CampaignRecordsTable;
  campaign_record_counts: CampaignRecordCountsTable;
  campaign_zones: CampaignZonesTable;
  campaign_batches: CampaignBatchesTable;
  campaign_seeded_imports: CampaignSeededImportsTable;
  dial_attempts: DialAttemptsTable;
  agent_state_changes: AgentStateChangesTable;
  campaign_leases: CampaignLeasesTable;
  dialer_nodes: DialerNodesTable;
  agent_sessions: AgentSessionsTable;
  recordings: RecordingsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Campaign = Selectable<CampaignsTable>;
export type ContactRecord = Selectable<ContactRecordsTable>;
export type Callback = Selectable<CallbacksTable>;
